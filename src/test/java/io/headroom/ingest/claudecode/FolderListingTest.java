package io.headroom.ingest.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listing made ahead (the command line's start-up) is what the import that follows reads, once,
 * and only while fresh; an import of another folder never reads it.
 */
class FolderListingTest {

    @TempDir
    Path tmp;

    private static List<String> names(FolderListing listing) {
        return listing.files().stream().map(f -> f.path().getFileName().toString()).sorted().toList();
    }

    private static Path transcript(Path root, String name) throws Exception {
        Path f = root.resolve("-home-ada-project").resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, "{}\n");
    }

    /** A folder listed ahead with a.jsonl, to which b.jsonl came after. */
    private Path listedAheadThenGrown() throws Exception {
        Path root = tmp.resolve("projects");
        transcript(root, "a.jsonl");
        ClaudeCodeImporter.listAhead(List.of(root));
        transcript(root, "b.jsonl");
        return root;
    }

    @Test
    void theImportTakesTheListingMadeAheadOnceThenWalksAgain() throws Exception {
        Path root = listedAheadThenGrown();

        assertThat(names(FolderListing.take(root.resolve("..").resolve("projects")))).containsExactly("a.jsonl");
        assertThat(names(FolderListing.take(root))).containsExactly("a.jsonl", "b.jsonl");
    }

    @Test
    void aListingOlderThanTheLimitIsNotUsed() throws Exception {
        Path root = listedAheadThenGrown();

        assertThat(names(FolderListing.take(root, -1))).containsExactly("a.jsonl", "b.jsonl");
    }

    @Test
    void anotherFoldersListingIsLeftForItsOwnImport() throws Exception {
        Path mine = tmp.resolve("mine");
        Path other = tmp.resolve("other");
        transcript(mine, "m.jsonl");
        transcript(other, "o.jsonl");
        FolderListing.ahead(List.of(other));
        Files.delete(other.resolve("-home-ada-project").resolve("o.jsonl"));

        assertThat(names(FolderListing.take(mine))).containsExactly("m.jsonl");
        assertThat(names(FolderListing.take(other))).as("made ahead, before the file was deleted").containsExactly("o.jsonl");
        assertThat(names(FolderListing.take(other))).isEmpty();
    }

    @Test
    void whatCannotBeReadIsCountedWhetherListedAheadOrNot() throws Exception {
        Path root = tmp.resolve("projects");
        Files.createDirectories(root.resolve("-p"));
        Files.createSymbolicLink(root.resolve("-p").resolve("gone.jsonl"), tmp.resolve("nowhere.jsonl"));
        Path missing = tmp.resolve("missing");
        FolderListing.ahead(List.of(root, missing));

        FolderListing ahead = FolderListing.take(root);
        FolderListing absent = FolderListing.take(missing);
        assertThat(ahead.unreadableLinks()).isEqualTo(1);
        assertThat(ahead.problems()).singleElement().asString().startsWith("Cannot read " + root.resolve("-p")
                .resolve("gone.jsonl") + ": the link points to nothing");
        assertThat(absent.files()).isEmpty();
        assertThat(absent.problems()).singleElement().asString().startsWith("Cannot read " + missing + ": ");
        FolderListing again = FolderListing.take(root);
        assertThat(again.problems()).as("listed again, the same").isEqualTo(ahead.problems());
        assertThat(again.unreadableLinks()).isEqualTo(1);
    }
}
