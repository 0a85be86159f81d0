package io.headroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlite.util.OSInfo;

class NativeLibraryTest {

    private static final String GLIBC_MAPS = """
            55d4a3c00000-55d4a3c01000 r--p 00000000 08:01 1048602 /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f2a1c000000-7f2a1c028000 r--p 00000000 08:01 1053011 /usr/lib/x86_64-linux-gnu/libc.so.6
            7f2a1c200000-7f2a1c3f0000 r-xp 00000000 08:01 1053555 /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so
            7ffd5b7e2000-7ffd5b803000 rw-p 00000000 00:00 0 [stack]
            """;

    @Test
    void theFolderIsTheOneTheDriverWouldNameOnThisMachine() {
        assertEquals(OSInfo.getNativeLibFolderPathForCurrentOS(), NativeLibrary.folder());
    }

    @Test
    void glibcMappingsNameThePlainLinuxFolder() {
        assertTrue(NativeLibrary.glibc(GLIBC_MAPS));
    }

    @Test
    void muslAndroidOrAnUnknownCLibraryLeaveTheDecisionToTheDriver() {
        assertFalse(NativeLibrary.glibc("""
                7f0e5c1c0000-7f0e5c1d4000 r--p 00000000 00:2f 2291 /lib/ld-musl-x86_64.so.1
                7f0e5c1d4000-7f0e5c21c000 r-xp 00014000 00:2f 2291 /lib/ld-musl-x86_64.so.1
                """));
        assertFalse(NativeLibrary.glibc(GLIBC_MAPS + "7f00-7f01 r--p 0 00:00 1 /usr/glibc-compat/lib/libc.musl-x86_64.so.1\n"));
        assertFalse(NativeLibrary.glibc("""
                7b2c000000-7b2c0b0000 r--p 00000000 07:30 33 /apex/com.android.runtime/lib64/bionic/libc.so
                7b2d000000-7b2d100000 r-xp 00000000 fd:01 81 /data/data/com.termux/files/usr/opt/openjdk/lib/server/libjvm.so
                """));
        assertFalse(NativeLibrary.glibc(""));
    }

    @Test
    void termuxIsToldByItsEnvironment() {
        assertTrue(NativeLibrary.termux(Map.of("TERMUX_VERSION", "0.118.0")));
        assertTrue(NativeLibrary.termux(Map.of("PREFIX", "/data/data/com.termux/files/usr")));
        assertFalse(NativeLibrary.termux(Map.of("PREFIX", "/usr/local", "HOME", "/home/ann")));
    }
}
