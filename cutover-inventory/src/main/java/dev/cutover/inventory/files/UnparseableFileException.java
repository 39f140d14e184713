package dev.cutover.inventory.files;

/** A file that cannot be read as its format; the message must not quote the file's content. */
final class UnparseableFileException extends Exception {
    private final int line;

    UnparseableFileException(int line, String problem) {
        super(problem);
        this.line = line;
    }

    int line() {
        return line;
    }
}
