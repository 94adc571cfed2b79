package io.kyrodb.engine.binder;

/**
 * CALL's mark for the binder: the next user routine a call resolves to is CALL's own, so it must
 * be a procedure (42809 otherwise), while a procedure anywhere else is 42809 ("use CALL"). The
 * session sets it just before binding the query that runs a CALL; the first resolved call takes it
 * (the argument expressions resolve before their call, so a function in them does not).
 */
public final class ProcedureCall {
    private static final ThreadLocal<Boolean> EXPECTED = new ThreadLocal<>();

    private ProcedureCall() {
    }

    /** The next resolved routine is CALL's. */
    public static void expect() {
        EXPECTED.set(Boolean.TRUE);
    }

    /** Forgets the mark (after the CALL, also when it failed). */
    public static void clear() {
        EXPECTED.remove();
    }

    /** Whether the call just resolved is CALL's; takes the mark. */
    static boolean take() {
        boolean expected = EXPECTED.get() != null;
        EXPECTED.remove();
        return expected;
    }

    /** 42809 when {@code f} is called the wrong way: a procedure outside CALL, a function by CALL. */
    static void check(Binder binder, io.kyrodb.engine.catalog.UserFunction f, io.kyrodb.sql.ast.Pos pos) {
        boolean call = take();
        if (f.isProcedure() && !call) {
            throw binder.error(io.kyrodb.engine.SqlState.WRONG_OBJECT_TYPE, f.signature() + " is a procedure (to call a"
                    + " procedure, use CALL)", pos);
        }
        if (!f.isProcedure() && call) {
            throw binder.error(io.kyrodb.engine.SqlState.WRONG_OBJECT_TYPE, f.signature() + " is not a procedure (to call"
                    + " a function, use SELECT)", pos);
        }
    }
}
