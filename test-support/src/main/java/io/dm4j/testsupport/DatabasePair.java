package io.dm4j.testsupport;

/** The two servers found by one provisioning strategy, and the strategy's name for messages. */
record DatabasePair(DbEndpoint upstream, DbEndpoint downstream, String origin) {
}
