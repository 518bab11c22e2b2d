package infergen.processor.plan;

import infergen.processor.validate.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A catalogue message whose values are only known at run time, as literal text between Java expressions: the
 * generated setters throw exactly the words the processor reports for a bad spec value.
 *
 * @param parts the text: {@link String} pieces are literal, {@link Slot} pieces are Java expressions
 */
public record MessageTemplate(List<Object> parts) {

    /** A value filled in at run time: a Java expression of the generated code. */
    public record Slot(String expression, Object sentinel) {
    }

    private static int next;

    /** A {@code float} value, formatted as {@code %s} formats it ({@link Float#toString}). */
    public static Slot floatSlot(String expression) {
        return new Slot(expression, Float.intBitsToFloat(0x00123457 + 4099 * next++));
    }

    /** An {@code int} value. */
    public static Slot intSlot(String expression) {
        return new Slot(expression, -1_987_654_321 + 7919 * next++);
    }

    /** A {@code double} value, formatted as {@code %s} formats it ({@link Double#toString}). */
    public static Slot doubleSlot(String expression) {
        return new Slot(expression, Double.longBitsToDouble(0x0001_2345_6789_0000L + 1_000_003L * next++));
    }

    /** {@code message} with {@code args}, some of which are slots. */
    public static MessageTemplate of(Message message, Object... args) {
        Object[] formatted = new Object[args.length];
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Slot slot) {
                slots.add(slot);
                formatted[i] = slot.sentinel();
            } else {
                formatted[i] = args[i];
            }
        }
        String text = message.format(formatted);
        List<Object> parts = new ArrayList<>();
        int from = 0;
        for (Slot slot : slots) {
            String mark = String.valueOf(slot.sentinel());
            int at = text.indexOf(mark, from);
            if (at < 0) {
                throw new IllegalStateException(message + " does not show " + slot.expression());
            }
            parts.add(text.substring(from, at));
            parts.add(slot);
            from = at + mark.length();
        }
        parts.add(text.substring(from));
        return new MessageTemplate(List.copyOf(parts));
    }
}
