package io.dm4j.master.state;

/** A source as stored: its id and the source.yaml text as the user gave it. */
public record SourceEntry(String sourceId, String yaml) {
}
