package io.headroom.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The macOS login Keychain through the system's own {@code /usr/bin/security}: generic passwords
 * with service {@code headroom} and the secret's name as account. Reading ({@code find-generic-password -w})
 * prints the secret on the tool's standard output, which only this process sees. Writing must not
 * put the secret in the tool's arguments, where {@code ps} shows it to every user: a bare {@code -w}
 * makes {@code security} prompt on the terminal, which a desktop app has not got, so the command is
 * written to {@code security -i}'s standard input instead. The cost is that the secret must be
 * quoted for that command line, so only secrets made of safe characters are accepted.
 */
public final class MacKeychainStore implements SecretStore {

    public static final Path SECURITY = Path.of("/usr/bin/security");
    static final String SERVICE = "headroom";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:+/=\\-]+");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    /** {@code security} exits with 44 when the item does not exist. */
    private static final int NOT_FOUND = 44;

    private final Path tool;

    public MacKeychainStore(Path tool) {
        this.tool = tool;
    }

    @Override
    public String displayName() {
        return "the macOS Keychain";
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        Result r = run(null, "find-generic-password", "-s", SERVICE, "-a", checked(name), "-w");
        if (r.exit == NOT_FOUND) {
            return Optional.empty();
        }
        if (r.exit != 0) {
            throw new SecretStoreException("The Keychain refused to read the item (security exited " + r.exit + ").");
        }
        String s = r.out.strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    @Override
    public void put(String name, String secret) throws SecretStoreException {
        if (!SAFE.matcher(secret).matches()) {
            throw new SecretStoreException("The Keychain store takes only letters, digits and -_.:+/= in a secret.");
        }
        String command = "add-generic-password -U -s " + SERVICE + " -a " + checked(name) + " -w \"" + secret + "\"\n";
        Result r = run(command, "-i");
        if (r.exit != 0 || r.err.contains("error")) {
            throw new SecretStoreException("The Keychain refused to save the item (security exited " + r.exit + ").");
        }
    }

    @Override
    public void delete(String name) throws SecretStoreException {
        Result r = run(null, "delete-generic-password", "-s", SERVICE, "-a", checked(name));
        if (r.exit != 0 && r.exit != NOT_FOUND) {
            throw new SecretStoreException("The Keychain refused to delete the item (security exited " + r.exit + ").");
        }
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name is lower-case letters, digits and _, not " + name);
        }
        return name;
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String stdin, String... args) throws SecretStoreException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SecretStoreException("The Keychain did not answer within 30 s (is it waiting for a password?).");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            throw new SecretStoreException("Cannot run " + tool + " (" + e.getClass().getSimpleName() + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretStoreException("Interrupted while asking the Keychain.", e);
        }
    }
}
