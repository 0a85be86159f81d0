package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeDirectoriesTest {

    @TempDir
    Path home;

    @Test
    void byDefaultBothXdgAndDotClaudeAreReadWhenTheyHaveProjects() throws Exception {
        Files.createDirectories(home.resolve(".claude/projects"));
        Files.createDirectories(home.resolve(".config/claude/projects"));
        ClaudeDirectories.Discovery d = ClaudeDirectories.discover(List.of(), Map.of(), home);
        assertThat(d.rule()).isEqualTo("default");
        assertThat(d.projectRoots()).containsExactly(home.resolve(".config/claude/projects").toRealPath(),
                home.resolve(".claude/projects").toRealPath());
    }

    @Test
    void claudeConfigDirIsACommaListWithTildeAndProjectsFolders() throws Exception {
        Files.createDirectories(home.resolve("a/projects"));
        Files.createDirectories(home.resolve("b/projects"));
        Files.createDirectories(home.resolve(".claude/projects"));
        ClaudeDirectories.Discovery d = ClaudeDirectories.discover(List.of(),
                Map.of("CLAUDE_CONFIG_DIR", home.resolve("a") + ", ~/b/projects ,/nowhere"), home);
        assertThat(d.rule()).isEqualTo("CLAUDE_CONFIG_DIR");
        assertThat(d.projectRoots()).containsExactly(home.resolve("a/projects").toRealPath(),
                home.resolve("b/projects").toRealPath());
        assertThat(d.candidates()).extracting(ClaudeDirectories.Candidate::found).containsExactly(true, true, false);
    }

    @Test
    void explicitFoldersOverrideTheEnvironment() throws Exception {
        Files.createDirectories(home.resolve("x/projects"));
        ClaudeDirectories.Discovery d = ClaudeDirectories.discover(List.of(home.resolve("x")),
                Map.of("CLAUDE_CONFIG_DIR", "/elsewhere"), home);
        assertThat(d.rule()).isEqualTo("--claude-dir");
        assertThat(d.projectRoots()).containsExactly(home.resolve("x/projects").toRealPath());
    }

    @Test
    void foldersAddedInTheSettingsComeAfterTheUsualPlacesButNotWithExplicitOnes() throws Exception {
        Files.createDirectories(home.resolve(".claude/projects"));
        Files.createDirectories(home.resolve("work-claude/projects"));
        Files.createDirectories(home.resolve("x/projects"));
        List<String> extra = List.of("~/work-claude", home.resolve(".claude").toString(), "/nowhere");
        ClaudeDirectories.Discovery d = ClaudeDirectories.discover(List.of(), extra, Map.of(), home);
        assertThat(d.rule()).isEqualTo("default");
        assertThat(d.projectRoots()).containsExactly(home.resolve(".claude/projects").toRealPath(),
                home.resolve("work-claude/projects").toRealPath());
        assertThat(d.candidates()).extracting(ClaudeDirectories.Candidate::configured)
                .containsExactly(home.resolve(".config/claude").toString(), home.resolve(".claude").toString(),
                        "~/work-claude", "/nowhere");

        ClaudeDirectories.Discovery env = ClaudeDirectories.discover(List.of(), List.of("~/work-claude"),
                Map.of("CLAUDE_CONFIG_DIR", home.resolve("x").toString()), home);
        assertThat(env.projectRoots()).containsExactly(home.resolve("x/projects").toRealPath(),
                home.resolve("work-claude/projects").toRealPath());

        ClaudeDirectories.Discovery explicit = ClaudeDirectories.discover(List.of(home.resolve("x")), extra, Map.of(), home);
        assertThat(explicit.projectRoots()).containsExactly(home.resolve("x/projects").toRealPath());
    }

    @Test
    void sessionIdsFollowTheFilesPlace() {
        Path root = Path.of("/c/projects");
        assertThat(TranscriptFile.of(root, root.resolve("-p/abc.jsonl"), 1, null, 0).sessionIdFromPath()).isEqualTo("abc");
        assertThat(TranscriptFile.of(root, root.resolve("-p/abc/subagents/agent-1.jsonl"), 1, null, 0).sessionIdFromPath())
                .isEqualTo("abc");
        assertThat(TranscriptFile.of(root, root.resolve("-p/abc/legacy.jsonl"), 1, null, 0).sessionIdFromPath()).isEqualTo("abc");
        assertThat(TranscriptFile.of(root, root.resolve("-p/abc.jsonl"), 1, null, 0).projectDir()).isEqualTo("-p");
    }
}
