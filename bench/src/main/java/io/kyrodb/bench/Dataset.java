package io.kyrodb.bench;

import java.util.SplittableRandom;

/**
 * The rows every engine loads: {@code kv(id BIGINT PRIMARY KEY, val TEXT NOT NULL, n INTEGER)}.
 *
 * <p>ids are 1..rows in a seeded random order (shuffled ascending, Fisher-Yates), so inserts are not
 * sequential but every id in the range exists, which lets a lookup pick an existing id without a
 * table of them. val is 32-100 characters of words from a fixed vocabulary, n a random int. All of
 * it is generated up front from the seed, so insert timing measures the engine, not the generator,
 * and lookups can check each row they read against what was inserted.
 */
public final class Dataset {

    public static final String CREATE_TABLE =
            "CREATE TABLE kv (id BIGINT PRIMARY KEY, val TEXT NOT NULL, n INTEGER)";
    public static final String INSERT = "INSERT INTO kv (id, val, n) VALUES (?, ?, ?)";
    public static final String SELECT_BY_ID = "SELECT val, n FROM kv WHERE id = ?";

    public static final int MIN_VAL_LENGTH = 32;
    public static final int MAX_VAL_LENGTH = 100;

    private static final String[] WORDS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
        "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
        "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "amber", "basalt", "cobalt", "dune",
        "ember", "fjord", "granite", "harbor", "iris", "jade", "kelp", "lagoon", "meadow", "nectar",
        "orchid", "pebble", "quartz", "river", "saffron", "tundra", "umber", "violet", "willow",
        "yarrow", "zephyr", "anchor", "beacon", "canyon", "drift", "estuary", "falcon", "glacier",
        "heron", "island", "juniper", "kestrel", "lantern", "mistral"
    };

    private final long seed;
    private final int rows;
    private final long[] insertOrder;
    private final String[] valById;
    private final int[] nById;

    private Dataset(long seed, int rows) {
        this.seed = seed;
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(seed);
        insertOrder = new long[rows];
        for (int i = 0; i < rows; i++) {
            insertOrder[i] = i + 1L;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = insertOrder[i];
            insertOrder[i] = insertOrder[j];
            insertOrder[j] = t;
        }
        valById = new String[rows];
        nById = new int[rows];
        StringBuilder text = new StringBuilder(MAX_VAL_LENGTH + 16);
        for (int i = 0; i < rows; i++) {
            valById[i] = text(random, text);
            nById[i] = random.nextInt();
        }
    }

    /** Generates {@code rows} rows from {@code seed}; the same pair always gives the same rows. */
    public static Dataset generate(long seed, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, not " + rows);
        }
        return new Dataset(seed, rows);
    }

    private static String text(SplittableRandom random, StringBuilder text) {
        int length = random.nextInt(MIN_VAL_LENGTH, MAX_VAL_LENGTH + 1);
        text.setLength(0);
        while (text.length() < length) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        text.setLength(length);
        return text.toString();
    }

    public long seed() {
        return seed;
    }

    public int rows() {
        return rows;
    }

    /** The id of the {@code i}-th row to insert. */
    public long idAt(int i) {
        return insertOrder[i];
    }

    public String valOf(long id) {
        return valById[index(id)];
    }

    public int nOf(long id) {
        return nById[index(id)];
    }

    /** A uniformly chosen id that exists in the table. */
    public long randomExistingId(SplittableRandom random) {
        return 1L + random.nextInt(rows);
    }

    private int index(long id) {
        if (id < 1 || id > rows) {
            throw new IllegalArgumentException("id " + id + " is not in the data set (1.." + rows + ")");
        }
        return (int) (id - 1);
    }
}
