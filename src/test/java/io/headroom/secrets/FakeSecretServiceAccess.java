package io.headroom.secrets;

import java.util.List;

/** Lets tests in other packages run the fake keyring and see what it holds. */
public final class FakeSecretServiceAccess implements AutoCloseable {

    private final FakeSecretService keyring;

    private FakeSecretServiceAccess(FakeSecretService keyring) {
        this.keyring = keyring;
    }

    public static FakeSecretServiceAccess on(String busAddress) throws Exception {
        return new FakeSecretServiceAccess(FakeSecretService.on(busAddress, false));
    }

    /** Every stored secret's value. */
    public List<String> secrets() {
        return keyring.items().stream().map(i -> FakeSecretService.text(i.value())).toList();
    }

    @Override
    public void close() throws Exception {
        keyring.close();
    }
}
