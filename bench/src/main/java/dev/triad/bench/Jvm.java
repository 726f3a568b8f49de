package dev.triad.bench;

/**
 * The JVM flags a forked benchmark needs, as constants so that {@code @Fork(jvmArgsAppend)} can
 * name them: the Vector API is an incubator module, native access is granted explicitly, and
 * graph code recurses deeply enough to want the launcher's larger stack.
 */
public final class Jvm {
    private Jvm() {}

    /** {@code --add-modules}. */
    public static final String ADD_MODULES = "--add-modules";
    /** The Vector API module. */
    public static final String VECTOR = "jdk.incubator.vector";
    /** Silences the JDK's native-access warnings (JOCL). */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** The launcher's stack size. */
    public static final String STACK = "-Xss8m";

    /** All of them, in order. */
    public static String[] flags() { return new String[] {ADD_MODULES, VECTOR, NATIVE_ACCESS, STACK}; }
}
