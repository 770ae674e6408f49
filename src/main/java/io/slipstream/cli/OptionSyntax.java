package io.slipstream.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one option syntax every command shares: lists are comma-separated ({@code --H 4,8,24}; space-separated
 * values after the option are accepted too), lengths of time are written with a unit, {@code 10d} (days) or
 * {@code 4h} (hours). A bare number keeps the unit the option always had (hours for {@code --H}, days for
 * {@code study random --days}), so older command lines still parse.
 */
final class OptionSyntax {
  private static final Pattern LENGTH = Pattern.compile("([0-9]+)([dh]?)");

  private OptionSyntax() {
  }

  /**
   * A length in whole hours: {@code 4h}, {@code 4} (hours) or {@code 2d} (48 hours).
   */
  static final class Hours implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      Matcher m = LENGTH.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("expected hours like 4h, 24h or 2d, was \"" + value + "\"");
      }
      long n = Long.parseLong(m.group(1)) * (m.group(2).equals("d") ? 24 : 1);
      if (n > Integer.MAX_VALUE) {
        throw new CommandLine.TypeConversionException("too long: \"" + value + "\"");
      }
      return (int) n;
    }
  }

  /**
   * A length in whole days: {@code 10d} or {@code 10} (days); hours only when they make whole days ({@code 48h}).
   */
  static final class Days implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      Matcher m = LENGTH.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("expected whole days like 10d, was \"" + value + "\"");
      }
      long n = Long.parseLong(m.group(1));
      if (m.group(2).equals("h")) {
        if (n % 24 != 0) {
          throw new CommandLine.TypeConversionException("expected whole days like 10d, was \"" + value + "\"");
        }
        n /= 24;
      }
      if (n > Integer.MAX_VALUE) {
        throw new CommandLine.TypeConversionException("too long: \"" + value + "\"");
      }
      return (int) n;
    }
  }
}
