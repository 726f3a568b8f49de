package dev.triad.codegen.c;

import java.util.List;

/**
 * The text of one program and the kernels it defines.
 *
 * @param name a short name for messages, e.g. {@code triad_f32}
 * @param source the complete source, prelude included
 * @param kernels the names of the kernels it defines
 */
public record ProgramSource(String name, String source, List<String> kernels) {
    /** Copies the kernel list. */
    public ProgramSource {
        kernels = List.copyOf(kernels);
    }
}
