package io.dm4j.worker.sync.expr;

/** The project's own expression-filter case ({@code conformance/expression_filter}). */
class ExpressionFilterCorpusTest extends ExpressionFilterSuiteChecks {
    @Override
    ExpressionFilterSuite suite() {
        return ExpressionFilterSuite.corpus();
    }
}
