package uk.co.omniops.analysis.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** Open-addressing int → float map; keys are non-negative, -1 marks an empty slot. */
final class FloatMap {
    private int[] keys = filled(16);
    private float[] values = new float[16];
    private int size;

    private static int[] filled(int n) {
        int[] k = new int[n];
        Arrays.fill(k, -1);
        return k;
    }

    int size() {
        return size;
    }

    float get(int key) {
        if (size == 0) {
            return 0f;
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == -1) {
                return 0f;
            }
        }
    }

    void add(int key, float delta) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                values[i] += delta;
                return;
            }
            if (k == -1) {
                keys[i] = key;
                values[i] = delta;
                size++;
                return;
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        float[] oldValues = values;
        keys = filled(oldKeys.length * 2);
        values = new float[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                add(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    void write(DataOutputStream d) throws IOException {
        int[] order = new int[size];
        int n = 0;
        for (int k : keys) {
            if (k != -1) {
                order[n++] = k;
            }
        }
        Arrays.sort(order);
        d.writeInt(size);
        for (int k : order) {
            d.writeInt(k);
            d.writeFloat(get(k));
        }
    }

    void read(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (1 << 26)) {
            throw new IOException("bad weight count " + n);
        }
        for (int i = 0; i < n; i++) {
            int k = d.readInt();
            if (k < 0) {
                throw new IOException("bad weight key " + k);
            }
            add(k, d.readFloat());
        }
    }
}
