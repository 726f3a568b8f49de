package dev.triad.eager.nn;

import dev.triad.eager.Generator;
import dev.triad.eager.Scope;
import dev.triad.eager.Tensor;
import dev.triad.eager.Tensors;
import dev.triad.eager.Triad;

/** A lookup table {@code [num_embeddings, embedding_dim]} initialised from {@code N(0, 1)}, as PyTorch does. */
public class Embedding extends Module {
    private final long numEmbeddings;
    private final long embeddingDim;
    private final Tensor weight;

    /** Initialised from {@link Triad#defaultGenerator()}. */
    public Embedding(long numEmbeddings, long embeddingDim) { this(numEmbeddings, embeddingDim, Triad.defaultGenerator()); }

    /** Initialised from {@code g}. */
    public Embedding(long numEmbeddings, long embeddingDim, Generator g) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.weight = registerParameter("weight", Init.normal_(Scope.escape(Tensors.zeros(numEmbeddings, embeddingDim)), g, 0, 1));
    }

    /** The table. */ public Tensor weight() { return weight; }

    @Override
    public Tensor forward(Tensor indices) { return F.embedding(indices, weight); }

    @Override
    protected String extraRepr() { return numEmbeddings + ", " + embeddingDim; }
}
