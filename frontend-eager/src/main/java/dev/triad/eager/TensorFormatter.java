package dev.triad.eager;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.types.DType;
import dev.triad.spi.types.Shape;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors the way PyTorch does ({@code torch._tensor_str} with the default print
 * options: precision 4, threshold 1000, 3 edge items, line width 80): floats whose values are
 * all integers print as {@code 1.}, others with four decimals ({@code 1.5000}), and a wide
 * range of magnitudes switches to scientific notation; every element is padded to the widest
 * one; big tensors are summarised with {@code ...}. Decimal rounding is exact (half to even on
 * the binary value), as Python's formatting is.
 */
final class TensorFormatter {
    private TensorFormatter() {}

    private static final int PRECISION = 4;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    static String format(Tensor t) {
        if (t.isClosed()) return "tensor(<closed " + t.type() + ">)";
        HostArray h = t.toHost();
        Shape shape = h.shape();
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        if (!t.backend().name().equalsIgnoreCase("cpu")) suffixes.add("device='" + t.device().id() + "'");
        String body;
        if (h.numel() == 0) {
            body = "[]";
            if (shape.rank() != 1) suffixes.add("size=" + tuple(shape));
        } else {
            Printer p = new Printer(h, h.numel() > THRESHOLD);
            body = p.tensor(0, 0, indent);
        }
        DType d = h.dtype();
        if (d != DType.F32 && d != DType.I64 && d != DType.BOOL) suffixes.add("dtype=" + d.shortName());
        if (t.gradFn() != null) suffixes.add("grad_fn=<" + t.gradFn() + ">");
        else if (t.requiresGrad()) suffixes.add("requires_grad=True");
        return addSuffixes(prefix + body, suffixes, indent);
    }

    private static String tuple(Shape s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.rank(); i++) {
            if (i > 0) b.append(", ");
            b.append(s.dim(i));
        }
        if (s.rank() == 1) b.append(',');
        return b.append(')').toString();
    }

    private static String addSuffixes(String text, List<String> suffixes, int indent) {
        StringBuilder b = new StringBuilder(text);
        int lastLineLen = text.length() - text.lastIndexOf('\n') + 1;
        for (String s : suffixes) {
            if (lastLineLen + s.length() + 2 > LINE_WIDTH) {
                b.append(",\n").append(" ".repeat(indent)).append(s);
                lastLineLen = indent + s.length();
            } else {
                b.append(", ").append(s);
                lastLineLen += s.length() + 2;
            }
        }
        return b.append(')').toString();
    }

    /** Lays out the values of one host array. */
    private static final class Printer {
        private final HostArray h;
        private final Shape shape;
        private final long[] strides;
        private final boolean summarize;
        private final boolean floating;
        private final boolean bool;
        private boolean intMode = true;
        private boolean sciMode;
        private int maxWidth = 1;

        Printer(HostArray h, boolean summarize) {
            this.h = h;
            this.shape = h.shape();
            this.strides = shape.contiguousStrides();
            this.summarize = summarize;
            this.floating = h.dtype().isFloating();
            this.bool = h.dtype() == DType.BOOL;
            List<Long> shown = new ArrayList<>();
            collect(0, 0, shown);
            measure(shown);
        }

        /** The flat indices of the elements printed (all of them, or the edges when summarised). */
        private void collect(int d, long offset, List<Long> out) {
            if (d == shape.rank()) {
                out.add(offset);
                return;
            }
            long n = shape.dim(d);
            for (long i = 0; i < n; i++) {
                if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) i = n - EDGE_ITEMS;
                collect(d + 1, offset + i * strides[d], out);
            }
        }

        private void measure(List<Long> shown) {
            if (!floating) {
                for (long i : shown) maxWidth = Math.max(maxWidth, plain(i).length());
                return;
            }
            double minAbs = Double.POSITIVE_INFINITY, maxAbs = 0;
            boolean any = false;
            for (long i : shown) {
                double v = h.getDouble(i);
                if (!Double.isFinite(v) || v == 0) continue;
                any = true;
                double a = Math.abs(v);
                minAbs = Math.min(minAbs, a);
                maxAbs = Math.max(maxAbs, a);
                if (v != Math.ceil(v)) intMode = false;
            }
            if (!any) return;
            if (intMode) {
                if (maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8) {
                    sciMode = true;
                    for (long i : shown) if (finiteNonZero(i)) maxWidth = Math.max(maxWidth, sci(h.getDouble(i)).length());
                } else {
                    for (long i : shown) if (finiteNonZero(i)) maxWidth = Math.max(maxWidth, fixed(h.getDouble(i), 0).length() + 1);
                }
            } else if (maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8 || minAbs < 1.0e-4) {
                sciMode = true;
                for (long i : shown) if (finiteNonZero(i)) maxWidth = Math.max(maxWidth, sci(h.getDouble(i)).length());
            } else {
                for (long i : shown) if (finiteNonZero(i)) maxWidth = Math.max(maxWidth, fixed(h.getDouble(i), PRECISION).length());
            }
        }

        private boolean finiteNonZero(long i) {
            double v = h.getDouble(i);
            return Double.isFinite(v) && v != 0;
        }

        private String plain(long i) {
            if (bool) return h.getLong(i) != 0 ? "True" : "False";
            return Long.toString(h.getLong(i));
        }

        /** One element, padded on the left to the common width. */
        private String element(long i) {
            String s;
            if (!floating) {
                s = plain(i);
            } else {
                double v = h.getDouble(i);
                if (sciMode) s = sci(v);
                else if (intMode) s = Double.isFinite(v) ? fixed(v, 0) + "." : nonFinite(v);
                else s = fixed(v, PRECISION);
            }
            return s.length() >= maxWidth ? s : " ".repeat(maxWidth - s.length()) + s;
        }

        String tensor(int d, long offset, int indent) {
            if (shape.rank() == 0) return element(0);
            if (d == shape.rank() - 1) return vector(offset, indent);
            long n = shape.dim(d);
            List<String> slices = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                    slices.add("...");
                    i = n - EDGE_ITEMS;
                }
                slices.add(tensor(d + 1, offset + i * strides[d], indent + 1));
            }
            String sep = "," + "\n".repeat(shape.rank() - d - 1) + " ".repeat(indent + 1);
            return "[" + String.join(sep, slices) + "]";
        }

        private String vector(long offset, int indent) {
            int elementLength = maxWidth + 2;
            int perLine = Math.max(1, (LINE_WIDTH - indent) / elementLength);
            long n = shape.dim(shape.rank() - 1), stride = strides[shape.rank() - 1];
            List<String> data = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                if (summarize && n > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                    data.add(" ...");
                    i = n - EDGE_ITEMS;
                }
                data.add(element(offset + i * stride));
            }
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < data.size(); i += perLine) {
                lines.add(String.join(", ", data.subList(i, Math.min(data.size(), i + perLine))));
            }
            return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
        }
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }

    /** Python's {@code f"{v:.{digits}f}"}: exact value rounded half to even, keeping the sign of negative values. */
    static String fixed(double v, int digits) {
        if (!Double.isFinite(v)) return nonFinite(v);
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code f"{v:.4e}"}, e.g. {@code 1.2346e+05}. */
    static String sci(double v) {
        if (!Double.isFinite(v)) return nonFinite(v);
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        if (v == 0) return (negative ? "-" : "") + "0." + "0".repeat(PRECISION) + "e+00";
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String mantissa = r.movePointLeft(exp).setScale(PRECISION, RoundingMode.HALF_EVEN).toPlainString();
        String e = String.format("%02d", Math.abs(exp));
        return (negative ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }
}
