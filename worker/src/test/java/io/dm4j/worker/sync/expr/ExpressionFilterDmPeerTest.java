package io.dm4j.worker.sync.expr;

/** DM's expression_filter case; runs only in the {@code dm-peer-suite} profile ({@code DM4J_SHARED}). */
class ExpressionFilterDmPeerTest extends ExpressionFilterSuiteChecks {
    @Override
    ExpressionFilterSuite suite() {
        return ExpressionFilterSuite.dm();
    }
}
