package io.harbormaster.cli.output;

import io.harbormaster.core.redaction.Redaction;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * hm's stdout and stderr: every line through the one {@link Redaction} before it is written,
 * tables, documents, progress and errors alike. Whole lines, so a URL is never redacted in two
 * halves; a partial line goes out when the writer is flushed.
 */
public final class RedactedWriter extends Writer {
  private final PrintWriter target;
  private final StringBuilder line = new StringBuilder();

  private RedactedWriter(PrintWriter target) {
    this.target = target;
  }

  /** {@code target} behind the redaction; a writer already behind it is returned as it is. */
  public static PrintWriter around(PrintWriter target) {
    return target instanceof Redacted ? target : new Redacted(new RedactedWriter(target));
  }

  @Override
  public synchronized void write(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      line.append(chars[i]);
      if (chars[i] == '\n') {
        emit();
        target.flush();
      }
    }
  }

  @Override
  public synchronized void flush() {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() {
    flush();
    target.close();
  }

  private void emit() {
    if (line.length() > 0) {
      target.write(Redaction.redact(line.toString()));
      line.setLength(0);
    }
  }

  /** Marks a writer already behind the redaction. */
  private static final class Redacted extends PrintWriter {
    Redacted(RedactedWriter out) {
      super(out, true);
    }
  }
}
