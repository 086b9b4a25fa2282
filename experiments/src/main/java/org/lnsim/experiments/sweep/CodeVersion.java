package org.lnsim.experiments.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A fingerprint of the code that runs: SHA-256 over the names and bytes of lnsim's own classes
 * ({@code org/lnsim/**.class}, sorted by name) in every jar or class folder that holds one of its modules. The
 * project's version string stays {@code 0.1.0-SNAPSHOT} across commits, so it cannot tell a resumed sweep that the
 * code changed; the classes can. Build timestamps do not enter (only entry names and contents), so two builds of one
 * commit with one JDK agree; another JDK may compile other bytes, and then a resume is refused until {@code --force}.
 */
public final class CodeVersion {
    private static volatile String cached;

    private CodeVersion() {
    }

    /** {@code sha256:} and the first 16 hex digits of the fingerprint; computed once per process. */
    public static String fingerprint() {
        String f = cached;
        if (f == null) {
            f = compute();
            cached = f;
        }
        return f;
    }

    private static String compute() {
        // one class of each module: network, sim-engine, protocols, results, experiments
        List<Class<?>> anchors = List.of(org.lnsim.network.ChannelGraph.class, org.lnsim.engine.Simulation.class,
                org.lnsim.protocols.settings.Key.class, org.lnsim.results.run.RunOutputs.class, CodeVersion.class);
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            try {
                sources.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | NullPointerException | SecurityException e) {
                return "unknown";
            }
        }
        TreeMap<String, byte[]> classes = new TreeMap<>();
        try {
            for (Path src : sources) {
                if (Files.isDirectory(src)) {
                    List<Path> files = new ArrayList<>();
                    try (Stream<Path> s = Files.walk(src.resolve("org/lnsim"))) {
                        s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
                    }
                    for (Path p : files) {
                        classes.put(src.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                    }
                } else {
                    try (JarFile jar = new JarFile(src.toFile())) {
                        for (JarEntry e : java.util.Collections.list(jar.entries())) {
                            if (e.getName().startsWith("org/lnsim/") && e.getName().endsWith(".class")) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    classes.put(e.getName(), in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var e : classes.entrySet()) {
                sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lnsim's classes to fingerprint them", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
