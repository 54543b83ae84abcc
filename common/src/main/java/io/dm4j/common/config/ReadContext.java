package io.dm4j.common.config;

/** What value types may need while reading: the encryptor that turns configured passwords into {@link Secret}s. */
record ReadContext(Encryptor encryptor) {
}
