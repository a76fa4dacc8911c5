package dev.corvid.daemon.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LoggingTest {
    @Test
    void aRecordIsOneLineWithIsoTimeLevelLoggerAndMessage() {
        LogRecord record = new LogRecord(Level.WARNING, "peer 10.0.0.2 AS64512: hold timer expired\nsecond line");
        record.setInstant(Instant.parse("2025-06-01T12:00:00.123456Z"));
        record.setLoggerName("corvid.session");
        record.setThrown(new java.io.IOException("Connection reset"));
        assertThat(new Logging.OneLineFormatter().format(record)).isEqualTo("2025-06-01T12:00:00.123Z WARNING"
                + " corvid.session peer 10.0.0.2 AS64512: hold timer expired second line: java.io.IOException:"
                + " Connection reset" + System.lineSeparator());
    }

    @Test
    void theLevelVariableTakesTheNamesOperatorsUse() {
        assertThat(Logging.level("debug")).contains(Level.FINE);
        assertThat(Logging.level("WARN")).contains(Level.WARNING);
        assertThat(Logging.level(null)).contains(Level.INFO);
        assertThat(Logging.level("verbose")).isEmpty();
        assertThat(Logging.levelName(Level.SEVERE)).isEqualTo("ERROR");
        assertThat(Logging.levelName(Level.FINER)).isEqualTo("TRACE");
    }
}
