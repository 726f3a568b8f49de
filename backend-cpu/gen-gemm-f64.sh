#!/bin/sh
# GemmF64.java is generated from GemmF32.java (the Vector API cannot share one body between
# element types without boxing). Edit GemmF32.java, then run this script from backend-cpu/.
d=src/main/java/dev/triad/backend/cpu/kernels
sed -e 's/GemmF32/GemmF64/g' \
    -e 's/The F32 product (BF16 and F16 inputs are widened while packing)/The F64 product/' \
    -e 's/The F64 twin, {@link GemmF64}, is this file with doubles:/The F32 twin, {@link GemmF32}, is the same file with floats:/' \
    -e 's/FloatVector/DoubleVector/g; s/VectorSpecies<Float>/VectorSpecies<Double>/' \
    -e 's/float\[\]/double[]/g; s/new float\[/new double[/g; s/(float) Convert/Convert/g; s/float sum/double sum/; s/float av/double av/' \
    -e 's/DType.F32/DType.F64/g; s/Convert.F32/Convert.F64/g' \
    -e 's/4 \* (row/8 * (row/g; s/4 \* dst/8 * dst/g; s/4 \* b.at/8 * b.at/g; s/4L \* L/8L * L/g; s/4L \* p/8L * p/g; s/4 \* (at + q)/8 * (at + q)/; s/0f)/0d)/' \
    $d/GemmF32.java > $d/GemmF64.java
