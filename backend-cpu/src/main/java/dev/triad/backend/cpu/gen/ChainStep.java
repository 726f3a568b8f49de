package dev.triad.backend.cpu.gen;

import java.util.List;

/**
 * One op of a chain and where its operands come from: an operand {@code k >= 0} is the
 * result of step {@code k} (an earlier step), an operand {@code k < 0} is chain input
 * {@code -1 - k}.
 *
 * @param op the op
 * @param operands one per operand of the op, in order
 */
public record ChainStep(ChainOp op, List<Integer> operands) {
    /** Copies the operands and checks their count. */
    public ChainStep {
        operands = List.copyOf(operands);
        if (operands.size() != op.arity()) {
            throw new IllegalArgumentException(op + " takes " + op.arity() + " operands, got " + operands.size());
        }
    }
}
