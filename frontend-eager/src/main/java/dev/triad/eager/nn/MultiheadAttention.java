package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;

/**
 * Multi-head attention as {@code torch.nn.MultiheadAttention}: one packed input projection
 * {@code in_proj_weight [3E, E]} (Xavier uniform) with {@code in_proj_bias} (zeros), heads of
 * size {@code E / num_heads}, the spi's scaled dot-product attention composite, and an output
 * projection {@code out_proj} (a Linear whose bias starts at zero). Inputs are
 * {@code [L, N, E]}, or {@code [N, L, E]} with {@code batchFirst}, or unbatched {@code [L, E]}.
 *
 * <p>Masks follow {@code scaled_dot_product_attention}: a bool mask broadcastable to
 * {@code [N, heads, Lq, Lk]} where {@code true} means "may attend".
 */
public class MultiheadAttention extends Module {
    private final long embedDim;
    private final int numHeads;
    private final boolean batchFirst;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;

    /** Sequence-first layout, with biases, initialised from {@link Triad#defaultGenerator()}. */
    public MultiheadAttention(long embedDim, int numHeads) { this(embedDim, numHeads, true, false, Triad.defaultGenerator()); }

    /** Every option. */
    public MultiheadAttention(long embedDim, int numHeads, boolean bias, boolean batchFirst, Generator g) {
        if (numHeads < 1 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embed_dim " + embedDim + " must be divisible by num_heads " + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.batchFirst = batchFirst;
        this.inProjWeight = registerParameter("in_proj_weight", Init.xavierUniform_(Scope.escape(Tensors.zeros(3 * embedDim, embedDim)), g, 1.0));
        this.inProjBias = bias ? registerParameter("in_proj_bias", Tensors.zeros(3 * embedDim)) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, g));
        if (bias) Init.zeros_(outProj.bias());
    }

    /** Self-attention: {@code forward(x, x, x, null, false)}. */
    @Override
    public Tensor forward(Tensor x) { return forward(x, x, x, null, false); }

    /** Attention of {@code query} over {@code key}/{@code value}; {@code mask} may be null. */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor mask, boolean causal) {
        boolean unbatched = query.dim() == 2;
        Tensor q = toBatchFirst(query, unbatched), k = toBatchFirst(key, unbatched), v = toBatchFirst(value, unbatched);
        if (q.size(-1) != embedDim || k.size(-1) != embedDim || v.size(-1) != embedDim) {
            throw LayerErrors.shape(this, "query, key and value have shapes " + Shapes.show(query.shape()) + ", " + Shapes.show(key.shape())
                    + ", " + Shapes.show(value.shape()) + "; expected embedding size " + embedDim + " in the last dim");
        }
        Tensor qh = heads(project(q, 0));
        Tensor kh = heads(project(k, 1));
        Tensor vh = heads(project(v, 2));
        Tensor attended = F.scaledDotProductAttention(qh, kh, vh, mask, 0.0, causal);   // [N, H, Lq, D]
        Tensor merged = attended.permute(0, 2, 1, 3).reshape(q.size(0), q.size(1), embedDim);
        Tensor out = outProj.apply(merged);
        if (unbatched) return out.squeeze(0);
        return batchFirst ? out : out.transpose(0, 1);
    }

    private Tensor toBatchFirst(Tensor x, boolean unbatched) {
        if (unbatched) return x.unsqueeze(0);
        if (x.dim() != 3) throw LayerErrors.shape(this, "expected a 2-d or 3-d input, got shape " + Shapes.show(x.shape()));
        return batchFirst ? x : x.transpose(0, 1);
    }

    /** Input projection {@code part} (0 query, 1 key, 2 value) using the slices of the packed weight. */
    private Tensor project(Tensor x, int part) {
        Tensor w = inProjWeight.narrow(0, part * embedDim, embedDim);
        Tensor b = inProjBias == null ? null : inProjBias.narrow(0, part * embedDim, embedDim);
        return F.linear(x, w, b);
    }

    /** {@code [N, L, E]} to {@code [N, heads, L, E/heads]}. */
    private Tensor heads(Tensor x) {
        return x.reshape(x.size(0), x.size(1), numHeads, embedDim / numHeads).permute(0, 2, 1, 3);
    }

    /** The output projection. */ public Linear outProj() { return outProj; }

    @Override
    protected String extraRepr() { return "embed_dim=" + embedDim + ", num_heads=" + numHeads + (batchFirst ? ", batch_first=True" : ""); }
}
