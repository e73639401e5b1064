package io.earlywarning.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One case as the index holds it, and as its changelogged store keeps it so that the index can be rebuilt exactly
 * after a restart: the arrival sequence, the event time, place and category, a short gist for people to read, every
 * distinct term (for document frequencies) and the case's weighted vector as it was computed on arrival.
 *
 * @param seq      arrival order in the index; the rebuilt index replays cases in this order
 * @param at       event time, epoch seconds
 * @param offset   the event time's offset from UTC in seconds (to write times as the office reads them)
 * @param terms    every distinct term of the matter, ascending
 * @param top      the terms of the case's vector (highest TF-IDF on arrival)
 * @param weights  their weights, the vector of unit length
 */
public record IndexedCase(int seq, String caseId, long at, int offset, String district, String town, String estate,
                          String estateKey, String category, String accusedUnit, String gist, int[] terms, int[] top,
                          float[] weights) {

    private static final byte FORMAT = 1;

    /** Compact binary form for the state store: a million cases restore in seconds, not minutes of JSON. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + terms.length * 4 + top.length * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(seq);
            out.writeUTF(caseId);
            out.writeLong(at);
            out.writeInt(offset);
            for (String s : new String[]{district, town, estate, estateKey, category, accusedUnit, gist}) {
                out.writeBoolean(s != null);
                if (s != null) {
                    out.writeUTF(s);
                }
            }
            writeInts(out, terms);
            writeInts(out, top);
            for (float w : weights) {
                out.writeFloat(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static IndexedCase fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("indexed case format " + format + " is not " + FORMAT);
            }
            int seq = in.readInt();
            String caseId = in.readUTF();
            long at = in.readLong();
            int offset = in.readInt();
            String[] s = new String[7];
            for (int i = 0; i < s.length; i++) {
                s[i] = in.readBoolean() ? in.readUTF() : null;
            }
            int[] terms = readInts(in);
            int[] top = readInts(in);
            float[] weights = new float[top.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            return new IndexedCase(seq, caseId, at, offset, s[0], s[1], s[2], s[3], s[4], s[5], s[6], terms, top,
                    weights);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable indexed case: " + e.getMessage(), e);
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedCase c && seq == c.seq && caseId.equals(c.caseId) && at == c.at
                && Arrays.equals(terms, c.terms) && Arrays.equals(top, c.top) && Arrays.equals(weights, c.weights);
    }

    @Override
    public int hashCode() {
        return caseId.hashCode() * 31 + seq;
    }

    @Override
    public String toString() {
        return "IndexedCase[" + seq + " " + caseId + " at " + at + ", " + top.length + " terms]";
    }
}
