package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandWordTest {

    @Test
    void theCommandIsTheFirstWordThatIsNeitherAnOptionNorTheDatabase() {
        assertThat(CommandWord.of(new String[] {"--db", "daily", "weekly", "--json"})).isEqualTo("weekly");
        assertThat(CommandWord.of(new String[] {"--debug", "daily"})).isEqualTo("daily");
        assertThat(CommandWord.of(new String[] {"--db", "x.db"})).isNull();
    }

    @Test
    void helpAndVersionOnlyPrint() {
        assertThat(CommandWord.printsOnly(new String[] {"--version"})).isTrue();
        assertThat(CommandWord.printsOnly(new String[] {"daily", "-h"})).isTrue();
        assertThat(CommandWord.printsOnly(new String[] {"help", "daily"})).isTrue();
        assertThat(CommandWord.printsOnly(new String[] {"daily", "--json"})).isFalse();
        // A database file named like an option is still a database file.
        assertThat(CommandWord.printsOnly(new String[] {"--db", "--help", "daily"})).isFalse();
        assertThat(CommandWord.printsOnly(new String[] {"import", "--help-me"})).isFalse();
    }

    @Test
    void onlyABareVersionNeedsNoSubcommand() {
        assertThat(CommandWord.versionOnly(new String[] {"-V"})).isTrue();
        assertThat(CommandWord.versionOnly(new String[] {"--db", "x.db", "--version"})).isTrue();
        assertThat(CommandWord.versionOnly(new String[] {"--version", "--help"})).isFalse();
        assertThat(CommandWord.versionOnly(new String[] {"daily", "--version"})).isFalse();
        assertThat(CommandWord.versionOnly(new String[] {"--db", "--version"})).isFalse();
    }
}
