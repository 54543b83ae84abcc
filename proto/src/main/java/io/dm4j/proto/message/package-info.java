/**
 * Control-plane request and response records carried as envelope payloads. Every message is a record; fields
 * may be added in later versions (receivers ignore unknown ones), never renamed or retyped.
 */
package io.dm4j.proto.message;
