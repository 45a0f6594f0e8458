package dev.tokenomics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Our CSV writer, read back by Apache Commons CSV's RFC 4180 parser. */
class CsvTest {
    private static List<List<String>> parse(String csv, CSVFormat format) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), format)) {
            return p.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    @Test
    void cellsWithCommasQuotesAndLineBreaksReadBackAsWritten() throws IOException {
        List<String> tricky = List.of("plain", "a,b", "say \"hi\"", "two\nlines", "\"", ",", "#not a comment", " padded ");
        String csv = Csv.create().row(tricky).row(List.of("x", "y", "", "z", "", "", "", "")).render();
        assertEquals(List.of(tricky, List.of("x", "y", "", "z", "", "", "", "")), parse(csv, CSVFormat.RFC4180));
        // With '#' as the comment marker (how the report's blocks are read), the value is still a value.
        assertEquals(List.of(tricky, List.of("x", "y", "", "z", "", "", "", "")),
                parse(csv, CSVFormat.RFC4180.builder().setCommentMarker('#').get()));
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\"\",\",\",\"#not a comment\", padded \r\n",
                csv.substring(0, csv.indexOf("\r\n") + 2), "RFC 4180: CRLF, quotes only where needed, quotes doubled");
    }

    @Test
    void valuesAreWrittenPlain() throws IOException {
        String csv = Csv.create().row(Arrays.asList(null, new BigDecimal("1E-9"), 0.00001, 1234567L, true,
                new BigDecimal("120.50"), 2.5e10)).render();
        assertEquals("," + "0.000000001,0.00001,1234567,true,120.50,25000000000\r\n", csv);
        assertEquals(List.of(List.of("", "0.000000001", "0.00001", "1234567", "true", "120.50", "25000000000")),
                parse(csv, CSVFormat.RFC4180));
    }

    @Test
    void controlCharactersAreMadeVisibleButLineBreaksStay() throws IOException {
        String csv = Csv.create().row(List.of("red\u001b[31m", "tab\there", "cr\r\nlf")).render();
        assertEquals(List.of(List.of("red\\e[31m", "tab\\there", "cr\\r\nlf")), parse(csv, CSVFormat.RFC4180));
    }

    @Test
    void aLoneEmptyFieldIsStillARecord() throws IOException {
        String csv = Csv.create().row(List.of("only")).row(Arrays.asList((Object) null)).row(List.of("after")).render();
        assertEquals(List.of(List.of("only"), List.of(""), List.of("after")), parse(csv, CSVFormat.DEFAULT));
    }

    @Test
    void commentsNameBlocks() throws IOException {
        String csv = Csv.create().comment("stage").row(List.of("a", "b")).row(List.of(1, 2)).blank()
                .comment("lane").row(List.of("c")).render();
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT.builder().setCommentMarker('#').get())) {
            List<CSVRecord> records = p.getRecords();
            assertEquals("stage", records.get(0).getComment());
            assertEquals(List.of("a", "b"), records.get(0).toList());
            assertEquals("lane", records.get(2).getComment());
            assertEquals(List.of("c"), records.get(2).toList());
        }
    }
}
