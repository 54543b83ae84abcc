package io.dm4j.worker.sync.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> values(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::value).toList();
    }

    private static List<Kind> kinds(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::kind).toList();
    }

    @Test
    void quotedNamesAndStrings() {
        assertEquals(List.of("we ird`n", ".", "ü"), values("`we ird``n`.`ü`"));
        assertEquals(List.of("it's", "a\"b", "back\\slash", "tab\there", "it's"),
                values("'it''s' \"a\\\"b\" 'back\\\\slash' 'tab\\there' 'it\\'s'"));
        assertEquals(List.of(Kind.QUOTED_NAME, Kind.STRING, Kind.STRING), kinds("`a` 'b' \"c\""));
    }

    @Test
    void commentsAreDroppedExecutableCommentsAreRead() {
        assertEquals(List.of("a", "b", "c"), values("a -- one\n b # two\n /* three */ c"));
        assertEquals(List.of("DROP", "TEMPORARY", "TABLE", "t"), values("DROP /*!40005 TEMPORARY */ TABLE t"));
        assertEquals(List.of("x", "INVISIBLE", "y"), values("x /*M!100300 INVISIBLE */ y"));
        assertEquals(List.of(), values("/* only a comment */ -- and another\n# third"));
        // "--" without a following blank is two minus signs
        assertEquals(List.of("1", "-", "-", "1"), values("1--1"));
    }

    @Test
    void numbersLiteralsAndOperators() {
        assertEquals(List.of(Kind.NUMBER, Kind.NUMBER, Kind.NUMBER, Kind.HEX_BIT, Kind.HEX_BIT, Kind.HEX_BIT),
                kinds("10 1.5 .25 0x1F b'101' X'0a'"));
        assertEquals(List.of("t", ".", "1col"), values("t.1col"));
        assertEquals(List.of("info", "->>", "'$.id'"), SqlLexer.tokenize("info->>'$.id'").stream().map(SqlToken::text).toList());
        assertEquals(List.of(Kind.VARIABLE, Kind.SYMBOL, Kind.NUMBER), kinds("@@session.sql_mode=1"));
        assertEquals(List.of(Kind.QUOTED_NAME, Kind.VARIABLE), kinds("`root`@`localhost`"));
    }

    @Test
    void offsetsPointIntoTheStatement() {
        String sql = "ALTER TABLE `d`.`t` ADD c int";
        SqlToken t = SqlLexer.tokenize(sql).get(2);
        assertEquals("`d`", sql.substring(t.start(), t.end()));
    }
}
