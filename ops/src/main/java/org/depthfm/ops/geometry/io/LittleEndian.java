package org.depthfm.ops.geometry.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian values through a 64 KiB buffer into a stream, which it flushes but never closes. */
final class LittleEndian {
    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    LittleEndian(OutputStream out) {
        this.out = out;
    }

    LittleEndian bytes(byte[] values) throws IOException {
        room(values.length);
        buffer.put(values);
        return this;
    }

    LittleEndian uint8(int value) throws IOException {
        room(1);
        buffer.put((byte) value);
        return this;
    }

    LittleEndian uint16(int value) throws IOException {
        room(2);
        buffer.putShort((short) value);
        return this;
    }

    LittleEndian int32(int value) throws IOException {
        room(4);
        buffer.putInt(value);
        return this;
    }

    LittleEndian float32(float value) throws IOException {
        room(4);
        buffer.putFloat(value);
        return this;
    }

    /** Writes what is buffered and flushes the stream. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
