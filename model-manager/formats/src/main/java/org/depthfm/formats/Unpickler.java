package org.depthfm.formats;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pickle reader that executes nothing. It interprets the opcodes that {@code torch.save}
 * checkpoints use (protocols 2 to 5) and resolves each {@code GLOBAL} against an allow-list of
 * Java functions; any other global stops the read before it is used, with an error naming it.
 *
 * <p>Python values map to Java as: None to null, bool to Boolean, int to Long (BigInteger when
 * larger), float to Double, str to String, bytes to byte[], list to ArrayList, tuple to an
 * unmodifiable List, dict to LinkedHashMap. Objects of allowed classes built with NEWOBJ/BUILD
 * become {@link PyObject}s.
 */
public final class Unpickler {

    /** A Python global named in the pickle (module and qualified name). */
    public record Global(String module, String name) {
        /** @return "module.name" */
        public String qualified() {
            return module + "." + name;
        }
    }

    /** An instance of an allowed Python class: its class and the state BUILD gave it. */
    public static final class PyObject {
        private final Global type;
        private final List<Object> args;
        private Object state;

        PyObject(Global type, List<Object> args) {
            this.type = type;
            this.args = args;
        }

        /** @return the class */
        public Global type() {
            return type;
        }

        /** @return the NEWOBJ arguments */
        public List<Object> args() {
            return args;
        }

        /** @return the BUILD state (usually the instance dict), or null */
        public Object state() {
            return state;
        }
    }

    /** What an allowed global does when called (REDUCE) or when BUILD gives state to its result. */
    public interface Callable {
        /**
         * @param args the call's arguments
         * @return the result
         */
        Object call(List<Object> args);
    }

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final Map<String, Callable> callables;
    private final Map<String, Boolean> classes;
    private final Function<List<Object>, Object> persistentLoad;

    /**
     * @param callables globals that may be called with REDUCE, by qualified name
     * @param classes globals that may be instantiated with NEWOBJ (state kept as {@link PyObject}) or
     *     that may appear as plain values (true: instantiable, false: value only)
     * @param persistentLoad resolves BINPERSID ids (a tuple) to objects; null if none are allowed
     */
    public Unpickler(Map<String, Callable> callables, Map<String, Boolean> classes,
            Function<List<Object>, Object> persistentLoad) {
        this.callables = Map.copyOf(callables);
        this.classes = Map.copyOf(classes);
        this.persistentLoad = persistentLoad;
    }

    /**
     * Reads one pickle.
     *
     * @param data the pickle bytes
     * @param what a name for the data, used in error messages
     * @return the unpickled value
     * @throws CheckpointException on an unknown opcode, a forbidden global or truncated data
     */
    public Object load(byte[] data, String what) {
        try {
            return new Machine(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), what).run();
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            // underflow, a length or count out of range, a value of the wrong type where one is needed
            throw new CheckpointException(what + " is a truncated or corrupt pickle (" + e + ")", e);
        }
    }

    private final class Machine {
        private final ByteBuffer in;
        private final String what;
        private final ArrayList<Object> stack = new ArrayList<>();
        private final Map<Long, Object> memo = new HashMap<>();

        Machine(ByteBuffer in, String what) {
            this.in = in;
            this.what = what;
        }

        Object run() {
            while (true) {
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME
                    case '.' -> {
                        return pop();
                    }
                    case '(' -> stack.add(MARK);
                    case '0' -> pop();
                    case '1' -> popMark();
                    case '2' -> stack.add(peek());
                    case 'N' -> stack.add(null);
                    case 0x88 -> stack.add(Boolean.TRUE);
                    case 0x89 -> stack.add(Boolean.FALSE);
                    case 'J' -> stack.add((long) in.getInt());
                    case 'K' -> stack.add((long) (in.get() & 0xff));
                    case 'M' -> stack.add((long) (in.getShort() & 0xffff));
                    case 0x8a -> stack.add(longN(in.get() & 0xff));
                    case 0x8b -> stack.add(longN(in.getInt()));
                    case 'I' -> stack.add(textInt(line()));
                    case 'L' -> stack.add(textLong(line()));
                    case 'G' -> stack.add(ByteBuffer.wrap(bytes(8)).getDouble()); // big-endian
                    case 'X' -> stack.add(string(in.getInt()));
                    case 0x8c -> stack.add(string(in.get() & 0xff));
                    case 0x8d -> stack.add(string(Math.toIntExact(in.getLong())));
                    case 'T' -> stack.add(latin1(in.getInt()));
                    case 'U' -> stack.add(latin1(in.get() & 0xff));
                    case 'B' -> stack.add(bytes(in.getInt()));
                    case 'C' -> stack.add(bytes(in.get() & 0xff));
                    case 0x8e, 0x96 -> stack.add(bytes(Math.toIntExact(in.getLong())));
                    case ')' -> stack.add(tuple(List.of()));
                    case 0x85 -> stack.add(tuple(popN(1)));
                    case 0x86 -> stack.add(tuple(popN(2)));
                    case 0x87 -> stack.add(tuple(popN(3)));
                    case 't' -> stack.add(tuple(popMark()));
                    case ']' -> stack.add(new ArrayList<>());
                    case 'l' -> stack.add(new ArrayList<>(popMark()));
                    case 'a' -> list(peekAt(1)).add(pop());
                    case 'e' -> {
                        List<Object> items = popMark();
                        list(peek()).addAll(items);
                    }
                    case '}' -> stack.add(new LinkedHashMap<>());
                    case 'd' -> stack.add(dict(new LinkedHashMap<>(), popMark()));
                    case 's' -> {
                        Object v = pop();
                        Object k = pop();
                        map(peek()).put(key(k, what), v);
                    }
                    case 'u' -> {
                        List<Object> kv = popMark();
                        dict(map(peek()), kv);
                    }
                    case 'c' -> stack.add(global(line(), line()));
                    case 0x93 -> {
                        Object name = pop();
                        Object module = pop();
                        stack.add(global(str(module), str(name)));
                    }
                    case 'R' -> {
                        Object args = pop();
                        Object fn = pop();
                        stack.add(call(fn, list(args)));
                    }
                    case 0x81 -> {
                        Object args = pop();
                        Object cls = pop();
                        stack.add(newObject(cls, list(args)));
                    }
                    case 0x92 -> {
                        pop(); // kwargs: allowed classes take none
                        Object args = pop();
                        Object cls = pop();
                        stack.add(newObject(cls, list(args)));
                    }
                    case 'b' -> {
                        Object state = pop();
                        build(peek(), state);
                    }
                    case 'Q' -> stack.add(persistent(pop()));
                    case 'P' -> stack.add(persistent(line()));
                    case 'q' -> memo.put((long) (in.get() & 0xff), peek());
                    case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
                    case 'p' -> memo.put(Long.parseLong(line()), peek());
                    case 0x94 -> memo.put((long) memo.size(), peek());
                    case 'h' -> stack.add(memo(in.get() & 0xff));
                    case 'j' -> stack.add(memo(in.getInt() & 0xffffffffL));
                    case 'g' -> stack.add(memo(Long.parseLong(line())));
                    default -> throw new CheckpointException(what + " uses pickle opcode 0x" + Integer.toHexString(op)
                            + ", which a weights file does not need; refusing to read it");
                }
            }
        }

        private Object global(String module, String name) {
            Global g = new Global(module, name);
            String q = g.qualified();
            if (!callables.containsKey(q) && !classes.containsKey(q)) {
                throw new CheckpointException(what + " refers to the Python global '" + q
                        + "', which a DepthFM weights file never needs; it was not loaded (a pickle can run code)."
                        + " Use the official checkpoint or a safetensors file");
            }
            return g;
        }

        private Object call(Object fn, List<Object> args) {
            if (!(fn instanceof Global g) || !callables.containsKey(g.qualified())) {
                throw new CheckpointException(what + " calls " + describe(fn) + ", which is not allowed");
            }
            return callables.get(g.qualified()).call(args);
        }

        private Object newObject(Object cls, List<Object> args) {
            if (!(cls instanceof Global g) || !Boolean.TRUE.equals(classes.get(g.qualified()))) {
                throw new CheckpointException(what + " instantiates " + describe(cls) + ", which is not allowed");
            }
            return new PyObject(g, args);
        }

        private void build(Object target, Object state) {
            if (target instanceof PyObject o) {
                o.state = state;
            } else if (target instanceof Buildable b) {
                b.build(state);
            } else if (!(target instanceof Map)) {
                // OrderedDict carries its attributes (state_dict's _metadata) as BUILD state: kept out
                throw new CheckpointException(what + " gives state to " + describe(target) + ", which is not allowed");
            }
        }

        private Object persistent(Object id) {
            if (persistentLoad == null) {
                throw new CheckpointException(what + " refers to external data, which is not allowed here");
            }
            return persistentLoad.apply(list(id));
        }

        private Object memo(long i) {
            if (!memo.containsKey(i)) {
                throw new CheckpointException(what + " is a corrupt pickle (memo " + i + " missing)");
            }
            return memo.get(i);
        }

        private Object pop() {
            if (stack.isEmpty()) {
                throw new CheckpointException(what + " is a corrupt pickle (stack underflow)");
            }
            Object o = stack.remove(stack.size() - 1);
            if (o == MARK) {
                throw new CheckpointException(what + " is a corrupt pickle (unexpected mark)");
            }
            return o;
        }

        private Object peek() {
            return peekAt(0);
        }

        private Object peekAt(int depth) {
            if (stack.size() <= depth) {
                throw new CheckpointException(what + " is a corrupt pickle (stack underflow)");
            }
            return stack.get(stack.size() - 1 - depth);
        }

        private List<Object> popN(int n) {
            Object[] items = new Object[n];
            for (int i = n - 1; i >= 0; i--) {
                items[i] = pop();
            }
            return Arrays.asList(items);
        }

        private List<Object> popMark() {
            int m = stack.lastIndexOf(MARK);
            if (m < 0) {
                throw new CheckpointException(what + " is a corrupt pickle (mark missing)");
            }
            List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
            stack.subList(m, stack.size()).clear();
            return items;
        }

        private String line() {
            StringBuilder sb = new StringBuilder();
            while (true) {
                byte b = in.get();
                if (b == '\n') {
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        private String string(int n) {
            return new String(bytes(n), StandardCharsets.UTF_8);
        }

        private String latin1(int n) {
            return new String(bytes(n), StandardCharsets.ISO_8859_1);
        }

        private byte[] bytes(int n) {
            if (n < 0 || n > in.remaining()) {
                throw new CheckpointException(what + " is a truncated pickle");
            }
            byte[] b = new byte[n];
            in.get(b);
            return b;
        }

        private Object longN(int n) {
            byte[] le = bytes(n);
            if (n == 0) {
                return 0L;
            }
            byte[] be = new byte[n];
            for (int i = 0; i < n; i++) {
                be[i] = le[n - 1 - i];
            }
            BigInteger v = new BigInteger(be);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }

        private Object textInt(String s) {
            return switch (s) {
                case "00" -> Boolean.FALSE;
                case "01" -> Boolean.TRUE;
                default -> Long.parseLong(s);
            };
        }

        private Object textLong(String s) {
            BigInteger v = new BigInteger(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }

        private String str(Object o) {
            if (!(o instanceof String s)) {
                throw new CheckpointException(what + " is a corrupt pickle (expected a string, got " + describe(o) + ")");
            }
            return s;
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object o) {
            if (!(o instanceof List)) {
                throw new CheckpointException(what + " is a corrupt pickle (expected a list or tuple, got "
                        + describe(o) + ")");
            }
            return (List<Object>) o;
        }

        @SuppressWarnings("unchecked")
        private Map<Object, Object> map(Object o) {
            if (!(o instanceof Map)) {
                throw new CheckpointException(what + " is a corrupt pickle (expected a dict, got " + describe(o) + ")");
            }
            return (Map<Object, Object>) o;
        }

        private Map<Object, Object> dict(Map<Object, Object> m, List<Object> kv) {
            if (kv.size() % 2 != 0) {
                throw new CheckpointException(what + " is a corrupt pickle (odd number of dict items)");
            }
            for (int i = 0; i < kv.size(); i += 2) {
                m.put(key(kv.get(i), what), kv.get(i + 1));
            }
            return m;
        }
    }

    /**
     * Checks a dict key. Checkpoints key their dicts by strings and numbers; a container as a key
     * (which Python refuses, as unhashable, but a corrupt pickle can express) could even contain
     * itself, and hashing it would never end.
     *
     * @param key a dict key read from the pickle
     * @param what a name for the data, used in error messages
     * @return the key
     * @throws CheckpointException if the key is not a string, number, bool or None
     */
    static Object key(Object key, String what) {
        if (key == null || key instanceof String || key instanceof Number || key instanceof Boolean) {
            return key;
        }
        throw new CheckpointException(what + " uses " + describe(key) + " as a dict key, which a weights file does not;"
                + " the pickle is corrupt");
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    /**
     * @param o any unpickled value
     * @return a short description for error messages
     */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global g) {
            return "'" + g.qualified() + "'";
        }
        if (o instanceof PyObject p) {
            return "an object of '" + p.type().qualified() + "'";
        }
        return "a " + o.getClass().getSimpleName();
    }

    /** A value that BUILD may give state to (numpy arrays and dtypes). */
    public interface Buildable {
        /** @param state the BUILD state */
        void build(Object state);
    }
}
