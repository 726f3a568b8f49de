package dev.triad.eager.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small ustar archives for tests. */
final class Tars {
    private Tars() {}

    /** An archive of (name, content) pairs. */
    static byte[] of(Object... nameContent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameContent.length; i += 2) {
            String name = (String) nameContent[i];
            byte[] data = (byte[]) nameContent[i + 1];
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", data.length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[263] = '0';
            h[264] = '0';
            for (int k = 148; k < 156; k++) h[k] = ' ';
            long sum = 0;
            for (byte x : h) sum += x & 0xFF;
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.writeBytes(h);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
