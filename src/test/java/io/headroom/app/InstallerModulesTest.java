package io.headroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The installers' runtime is cut down to a list of JDK modules (installer/Package.java): a class
 * the app uses from a module left out fails only in the installed app, with NoClassDefFoundError
 * (the dashboard's refresh did, for java.management; the usage endpoints, OTLP and Prometheus
 * would have, for java.net.http and jdk.httpserver). jdeps lists what the compiled classes use.
 */
class InstallerModulesTest {

    @Test
    void theRuntimeImageHasEveryModuleTheAppsClassesUse() throws Exception {
        String packageJava = Files.readString(Path.of("installer", "Package.java"));
        Matcher m = Pattern.compile("JDK_MODULES = List\\.of\\(([^)]*)\\)").matcher(packageJava);
        assertThat(m.find()).isTrue();
        List<String> image = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1)).results().map(r -> r.group(1)).toList();

        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", "17", Path.of("target", "classes").toString());
        assertThat(status).as(out.toString()).isZero();
        List<String> used = Arrays.stream(out.toString().trim().split(",")).map(String::trim).toList();

        assertThat(used).contains("java.base", "java.sql");
        assertThat(image).containsAll(used);
    }
}
