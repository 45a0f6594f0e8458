package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** --db reads a file path or either PostgreSQL URL form, and never prints a password. */
class LedgerLocationTest {
    @Test
    void aPathIsASqliteFile() {
        LedgerLocation l = LedgerLocation.parse("some/dir/ledger.db");
        assertFalse(l.isPostgres());
        assertEquals(Path.of("some/dir/ledger.db").toAbsolutePath(), l.file());
    }

    @Test
    void bothUrlFormsGiveTheSameConnection() {
        LedgerLocation libpq = LedgerLocation.parse("postgresql://alice:s3cr%40t@db.example:6543/team?sslmode=require");
        LedgerLocation jdbc = LedgerLocation.parse(
                "jdbc:postgresql://db.example:6543/team?user=alice&password=s3cr%40t&sslmode=require");
        for (LedgerLocation l : new LedgerLocation[] {libpq, jdbc}) {
            assertTrue(l.isPostgres());
            assertNull(l.file());
            assertEquals("jdbc:postgresql://db.example:6543/team?sslmode=require", l.jdbcUrl());
            assertEquals("alice", l.user());
            assertEquals("s3cr@t", l.password());
            assertFalse(l.toString().contains("s3cr"), l.toString());
            assertEquals("postgresql://alice@db.example:6543/team?sslmode=require", l.toString());
        }
        LedgerLocation shortForm = LedgerLocation.parse("postgres://bob@localhost/ledger");
        assertEquals("jdbc:postgresql://localhost/ledger", shortForm.jdbcUrl());
        assertEquals("bob", shortForm.user());
        assertNull(shortForm.password());
    }

    @Test
    void aBadUrlSaysWhatIsMissingAndMasksThePassword() {
        IllegalArgumentException noDb = assertThrows(IllegalArgumentException.class,
                () -> LedgerLocation.parse("postgresql://alice:hunter2@db.example:5432/"));
        assertTrue(noDb.getMessage().contains("names no database"), noDb.getMessage());
        assertFalse(noDb.getMessage().contains("hunter2"), noDb.getMessage());
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> LedgerLocation.parse("postgresql:///team"));
        assertTrue(noHost.getMessage().contains("names no host"), noHost.getMessage());
        IllegalArgumentException badJdbc = assertThrows(IllegalArgumentException.class,
                () -> LedgerLocation.parse("jdbc:postgresql:team?password=hunter2"));
        assertTrue(badJdbc.getMessage().contains("jdbc:postgresql://host[:port]/dbname"), badJdbc.getMessage());
        assertFalse(badJdbc.getMessage().contains("hunter2"), badJdbc.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LedgerLocation.parse("  "));
    }
}
