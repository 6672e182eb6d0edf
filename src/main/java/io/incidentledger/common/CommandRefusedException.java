package io.incidentledger.common;

/**
 * A command asked for something impossible and nothing was stored. The code is stable and reaches the client in
 * the problem document; the kind decides the HTTP status.
 */
public class CommandRefusedException extends RuntimeException {

    /** Why a command was refused. */
    public enum Kind {
        /** The request is fine but the state of the target forbids it (HTTP 409). */
        CONFLICT,
        /** A value in the request is unacceptable (HTTP 422). */
        INVALID,
        /** The request names a part of the target that does not exist, e.g. an unknown step (HTTP 404). */
        NOT_FOUND
    }

    private final String code;
    private final Kind kind;

    public CommandRefusedException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static CommandRefusedException conflict(String code, String message) {
        return new CommandRefusedException(Kind.CONFLICT, code, message);
    }

    public static CommandRefusedException invalid(String code, String message) {
        return new CommandRefusedException(Kind.INVALID, code, message);
    }

    public static CommandRefusedException notFound(String code, String message) {
        return new CommandRefusedException(Kind.NOT_FOUND, code, message);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
