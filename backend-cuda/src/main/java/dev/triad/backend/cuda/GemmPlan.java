package dev.triad.backend.cuda;

import dev.triad.codegen.c.Strided;

/**
 * How a row-major, strided, batched Triad matmul maps onto one column-major
 * {@code cublasGemmStridedBatchedEx} call, or why it does not (then the generated kernel runs).
 *
 * <p>cuBLAS is column-major, so Triad's {@code C[m,n] = A[m,k] B[k,n]} is computed as
 * {@code C^T[n,m] = B^T[n,k] A^T[k,m]}: the row-major result is the column-major transpose, and
 * each operand is passed as-is with a transpose flag chosen from its strides. An operand needs
 * one unit stride (rows or columns contiguous) and one batch stride (its batch dimensions must
 * collapse into one, stride 0 for broadcast); anything else is declined.
 *
 * @param transFirst whether cuBLAS transposes its first operand (Triad's b)
 * @param transSecond whether cuBLAS transposes its second operand (Triad's a)
 * @param m cuBLAS's m: Triad's n
 * @param n cuBLAS's n: Triad's m
 * @param k the contraction length
 * @param ldFirst leading dimension of Triad's b
 * @param ldSecond leading dimension of Triad's a
 * @param ldc leading dimension of the result (Triad's n)
 * @param strideFirst batch stride of b, in elements
 * @param strideSecond batch stride of a, in elements
 * @param strideC batch stride of the result ({@code m * n})
 * @param batch number of batched products
 * @param offFirst element offset of b
 * @param offSecond element offset of a
 */
public record GemmPlan(boolean transFirst, boolean transSecond, int m, int n, int k, int ldFirst, int ldSecond, int ldc,
                       long strideFirst, long strideSecond, long strideC, int batch, long offFirst, long offSecond) {

    /**
     * The plan for {@code y[batch..., m, n] = a[batch..., m, k] b[batch..., k, n]}, with {@code a}
     * and {@code b} strided over those (broadcast) shapes, or null when cuBLAS cannot express it.
     */
    public static GemmPlan of(long[] batchDims, long m, long n, long k, Strided a, Strided b) {
        if (m == 0 || n == 0 || k == 0) return null; // trivial or all-zero results: the kernel handles them without a library call
        if (!fitsInt(m) || !fitsInt(n) || !fitsInt(k)) return null;
        int br = batchDims.length;
        long[] as = a.strides(), bs = b.strides();
        long count = 1;
        for (long d : batchDims) count *= d;
        if (count == 0 || !fitsInt(count)) return null;
        Long sa = batchStride(batchDims, as), sb = batchStride(batchDims, bs);
        if (sa == null || sb == null) return null;
        // Triad's a [m, k] is cuBLAS's second operand A^T [k, m] (column-major).
        long[] second = operand(as[br], as[br + 1], m, k);
        // Triad's b [k, n] is cuBLAS's first operand B^T [n, k].
        long[] first = operand(bs[br], bs[br + 1], k, n);
        if (first == null || second == null) return null;
        return new GemmPlan(first[0] == 1, second[0] == 1, (int) n, (int) m, (int) k, (int) first[1], (int) second[1], (int) n,
                sb, sa, m * n, (int) count, b.offset(), a.offset());
    }

    /**
     * A row-major {@code [rows, cols]} operand with strides {@code (sr, sc)} as a column-major
     * cuBLAS operand of its transpose: {@code {0, ld}} when passed as is (columns contiguous),
     * {@code {1, ld}} when cuBLAS must transpose it (rows contiguous), or null.
     */
    static long[] operand(long sr, long sc, long rows, long cols) {
        // A dimension of size 1 has no meaningful stride: pick one that makes the layout valid.
        if (cols == 1) sc = 1;
        if (rows == 1) sr = cols;
        // Columns contiguous: the column-major view is the transpose, ld = the row stride.
        if (sc == 1 && sr >= cols && fitsInt(sr)) return new long[] {0, Math.max(sr, 1)};
        // Rows contiguous: the column-major view is the operand itself, which cuBLAS transposes.
        if ((sr == 1 || rows == 1) && sc >= rows && fitsInt(sc)) return new long[] {1, Math.max(sc, 1)};
        return null;
    }

    /** The one stride that walks all batch dimensions in row-major order, or null when they do not collapse. */
    static Long batchStride(long[] dims, long[] strides) {
        Long stride = null;
        long inner = 1; // elements (batch index units) spanned by the dimensions to the right
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] == 1) continue;
            long s = strides[i];
            if (s < 0) return null;
            if (stride == null) {
                stride = s;
            } else if (s != stride * inner) {
                return null;
            }
            inner *= dims[i];
        }
        return stride == null ? 0L : stride;
    }

    private static boolean fitsInt(long v) { return v >= 0 && v <= Integer.MAX_VALUE; }
}
