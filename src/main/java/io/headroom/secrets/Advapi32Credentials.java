package io.headroom.secrets;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * {@link WindowsCredentials} through advapi32's CredReadW, CredWriteW, CredDeleteW and CredFree,
 * called with JNA. Loaded on first use, so nothing here runs (or fails to load) off Windows.
 * Error codes are the system's; none of them, nor any message here, contains the secret.
 */
final class Advapi32Credentials implements WindowsCredentials {

    static final int CRED_TYPE_GENERIC = 1;
    static final int CRED_PERSIST_LOCAL_MACHINE = 2;
    static final int ERROR_NOT_FOUND = 1168;

    /** The Win32 functions, with wide-character strings; JNA binds them by these names. */
    @SuppressWarnings("checkstyle:MethodName")
    interface Advapi32 extends Library {
        boolean CredReadW(WString target, int type, int flags, PointerByReference credential);

        boolean CredWriteW(Credential credential, int flags);

        boolean CredDeleteW(WString target, int type, int flags);

        void CredFree(Pointer buffer);
    }

    /** CREDENTIALW (wincred.h), field for field under its own names; FILETIME is its two DWORDs. */
    @SuppressWarnings({"checkstyle:MemberName", "checkstyle:VisibilityModifier"})
    @Structure.FieldOrder({"Flags", "Type", "TargetName", "Comment", "LastWrittenLow", "LastWrittenHigh",
        "CredentialBlobSize", "CredentialBlob", "Persist", "AttributeCount", "Attributes", "TargetAlias", "UserName"})
    public static final class Credential extends Structure {
        public int Flags;
        public int Type;
        public WString TargetName;
        public WString Comment;
        public int LastWrittenLow;
        public int LastWrittenHigh;
        public int CredentialBlobSize;
        public Pointer CredentialBlob;
        public int Persist;
        public int AttributeCount;
        public Pointer Attributes;
        public WString TargetAlias;
        public WString UserName;

        public Credential() {
        }

        Credential(Pointer p) {
            super(p);
            read();
        }
    }

    private static final class Holder {
        static final Advapi32 API = Native.load("Advapi32", Advapi32.class);
    }

    @Override
    public Optional<byte[]> read(String target) throws SecretStoreException {
        PointerByReference out = new PointerByReference();
        if (!api().CredReadW(new WString(target), CRED_TYPE_GENERIC, 0, out)) {
            int error = Native.getLastError();
            if (error == ERROR_NOT_FOUND) {
                return Optional.empty();
            }
            throw new SecretStoreException("The Windows Credential Manager refused to read the item (error " + error + ").");
        }
        try {
            Credential c = new Credential(out.getValue());
            byte[] blob = c.CredentialBlobSize == 0 || c.CredentialBlob == null ? new byte[0]
                    : c.CredentialBlob.getByteArray(0, c.CredentialBlobSize);
            return Optional.of(blob);
        } finally {
            api().CredFree(out.getValue());
        }
    }

    @Override
    public void write(String target, String userName, byte[] blob) throws SecretStoreException {
        Memory memory = new Memory(Math.max(1, blob.length));
        try {
            memory.write(0, blob, 0, blob.length);
            Credential c = new Credential();
            c.Type = CRED_TYPE_GENERIC;
            c.TargetName = new WString(target);
            c.UserName = new WString(userName);
            c.CredentialBlobSize = blob.length;
            c.CredentialBlob = memory;
            c.Persist = CRED_PERSIST_LOCAL_MACHINE;
            if (!api().CredWriteW(c, 0)) {
                throw new SecretStoreException("The Windows Credential Manager refused to save the item (error "
                        + Native.getLastError() + ").");
            }
        } finally {
            memory.clear(); // the secret does not linger in native memory
            memory.close();
        }
    }

    @Override
    public void delete(String target) throws SecretStoreException {
        if (!api().CredDeleteW(new WString(target), CRED_TYPE_GENERIC, 0)) {
            int error = Native.getLastError();
            if (error != ERROR_NOT_FOUND) {
                throw new SecretStoreException("The Windows Credential Manager refused to delete the item (error "
                        + error + ").");
            }
        }
    }

    private static Advapi32 api() throws SecretStoreException {
        try {
            return Holder.API;
        } catch (LinkageError e) {
            throw new SecretStoreException("The Windows Credential Manager cannot be reached (" + e.getMessage() + ").");
        }
    }
}
