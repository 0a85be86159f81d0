package io.headroom.secrets;

import io.headroom.config.DataDirectory;
import io.headroom.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fallback where the system has no secret store: one file per secret in {@code secrets/}
 * under the data folder, the folder 0700 and each file 0600, so only the user (and root) can read
 * it. It is not encrypted, which Settings and {@code headroom sources} say.
 */
public final class FileSecretStore implements SecretStore {

    public static final String FOLDER = "secrets";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

    private final Path folder;

    public FileSecretStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name is lower-case letters, digits and _, not " + name);
        }
        return folder.resolve(name);
    }

    @Override
    public String displayName() {
        return "a private file (" + folder + ")";
    }

    @Override
    public String warning() {
        return "No system secret store was found, so the key is kept unencrypted in " + folder
                + ", readable only by you (mode 0600).";
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        try {
            String s = Files.readString(file(name), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SecretStoreException("Cannot read " + file(name) + " (" + e.getClass().getSimpleName() + ").", e);
        }
    }

    @Override
    public void put(String name, String secret) throws SecretStoreException {
        Path file = file(name);
        try {
            DataDirectory.ensurePrivateDirectory(folder);
            PrivateFiles.writeAtomically(file, secret);
            PrivateFiles.restrict(file);
        } catch (IOException e) {
            throw new SecretStoreException("Cannot write " + file + " (" + e.getClass().getSimpleName() + ").", e);
        }
    }

    @Override
    public void delete(String name) throws SecretStoreException {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new SecretStoreException("Cannot delete " + file(name) + " (" + e.getClass().getSimpleName() + ").",
                    e);
        }
    }
}
