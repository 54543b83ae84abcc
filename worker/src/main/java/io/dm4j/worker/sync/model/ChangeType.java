package io.dm4j.worker.sync.model;

/** The kind of a row change. */
public enum ChangeType { INSERT, UPDATE, DELETE }
