package dev.triad.spi.custom;

import dev.triad.spi.error.TriadException;
import dev.triad.spi.types.DType;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Declares a {@link CustomOp}: pick the kind ({@link #elementwise} or {@link #indexSpace}),
 * give the {@link #host host kernel} and optionally derivative rules and declared dtypes, then
 * {@link #build} it or {@link #register} it. Mutable; {@link #build} freezes a copy.
 */
public final class CustomOpBuilder {
    // The graph text form's identifier syntax, so every custom op prints and parses back.
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final String name;
    CustomOp.Kind kind;
    int arity = -1;
    TypeRule typeRule;
    List<DType> inputDTypes;
    DType resultDType;
    HostKernel host;
    CustomVjp vjp;
    CustomJvp jvp;
    String description = "";

    CustomOpBuilder(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TriadException(name, "a custom op name must be letters, digits and '_', not starting with a digit (the graph text syntax)");
        }
        this.name = name;
    }

    /** An elementwise op of {@code arity} inputs of one shape; the result has that shape and input 0's dtype. */
    public CustomOpBuilder elementwise(int arity) {
        setKind(CustomOp.Kind.ELEMENTWISE, arity);
        return this;
    }

    /** An op of {@code arity} inputs whose result type {@code rule} gives. */
    public CustomOpBuilder indexSpace(int arity, TypeRule rule) {
        if (rule == null) throw new TriadException(name, "an index-space op needs a type rule");
        setKind(CustomOp.Kind.INDEX_SPACE, arity);
        this.typeRule = rule;
        return this;
    }

    private void setKind(CustomOp.Kind k, int n) {
        if (kind != null) throw new TriadException(name, "the kind was already set to " + kind);
        if (n < 1) throw new TriadException(name, "a custom op needs at least one input, got arity " + n);
        this.kind = k;
        this.arity = n;
    }

    /** Declares each input's dtype (one per input); the shape rule rejects others with a typed error. */
    public CustomOpBuilder inputDTypes(DType... dtypes) {
        this.inputDTypes = List.copyOf(Arrays.asList(dtypes));
        return this;
    }

    /** Declares the result's dtype (elementwise: instead of input 0's; index-space: checked against the type rule). */
    public CustomOpBuilder resultDType(DType dtype) {
        this.resultDType = dtype;
        return this;
    }

    /** The forward computation (required). */
    public CustomOpBuilder host(HostKernel kernel) {
        this.host = kernel;
        return this;
    }

    /** The reverse-mode rule, as a composition of existing ops. */
    public CustomOpBuilder vjp(CustomVjp rule) {
        this.vjp = rule;
        return this;
    }

    /** The forward-mode rule (elementwise ops derive it from the VJP when not given). */
    public CustomOpBuilder jvp(CustomJvp rule) {
        this.jvp = rule;
        return this;
    }

    /** A short description, shown in reports and error messages. */
    public CustomOpBuilder description(String text) {
        this.description = text == null ? "" : text;
        return this;
    }

    /** The op, not yet registered (usable directly through {@code ops.apply}, but not by name). */
    public CustomOp build() {
        if (kind == null) throw new TriadException(name, "declare the kind first: elementwise(arity) or indexSpace(arity, rule)");
        if (host == null) throw new TriadException(name, "a custom op needs a host kernel (host(...))");
        if (inputDTypes != null && inputDTypes.size() != arity) {
            throw new TriadException(name, inputDTypes.size() + " input dtype(s) declared " + inputDTypes + "; expected one per input (" + arity + ")");
        }
        return new CustomOp(this);
    }

    /**
     * Builds the op and registers it ({@link CustomOps#register}).
     *
     * @throws dev.triad.spi.error.DuplicateOpException when the name is taken
     */
    public CustomOp register() {
        CustomOp op = build();
        CustomOps.register(op);
        return op;
    }
}
