package dev.triad.spi.io;

import dev.triad.spi.error.TriadException;

import java.nio.file.Path;

/**
 * A file that does not hold what its format says: truncated, a length or offset out of range, a
 * bad magic number or header. The message names the format, the file and what was expected.
 */
public class CorruptFileException extends TriadException {
    private final Path file;
    private final String detail;

    /**
     * @param format the format being read, e.g. {@code safetensors} or {@code idx}
     * @param file   the file (may be null for in-memory data)
     * @param detail what is wrong and what was expected
     */
    public CorruptFileException(String format, Path file, String detail) {
        super(format, (file == null ? "" : file + ": ") + detail);
        this.file = file;
        this.detail = detail;
    }

    /** Same, with the low-level cause (e.g. a gzip error). */
    public CorruptFileException(String format, Path file, String detail, Throwable cause) {
        super(format, (file == null ? "" : file + ": ") + detail, cause);
        this.file = file;
        this.detail = detail;
    }

    /** The file, or null. */
    public Path file() { return file; }

    /** What is wrong, without the format and file prefix, for callers that wrap this error in their own. */
    public String detail() { return detail; }
}
