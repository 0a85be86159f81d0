package io.headroom.ui.view;

import com.sun.glass.ui.Timer;
import com.sun.javafx.tk.Toolkit;
import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JavaFX draws on a pulse, sixty times a second, from a timer on the toolkit's main loop, and
 * pauses that timer a moment after nothing is left to draw or animate, resuming it when something
 * is. On Linux, JavaFX 21 cannot pause it: GtkTimer's pause and resume are empty (with
 * {@code -Dquantum.debug=true} the toolkit prints "Pausing Timer" every 16 ms, forever), so the
 * app woke sixty times a second, shown or hidden in the tray: 0.3-0.5 CPU-s a minute, most of what
 * it cost idle (bench/idle.sh). {@link #install()} puts a {@link PausingPulseTimer} in the
 * toolkit's place, which pauses by stopping the GTK timer and resumes by starting it again, so the
 * toolkit's own idle rule works as it does on Windows and macOS. It reaches into the toolkit
 * (QuantumToolkit's private pulse timer; the installed window's launcher opens it with
 * --add-opens); with any other timer (Windows and macOS pause theirs; Monocle in tests) or toolkit
 * it does nothing.
 */
public final class IdlePulses {

    private static final Logger LOG = Logger.getLogger(IdlePulses.class.getName());
    static final String GTK_TIMER = "com.sun.glass.ui.gtk.GtkTimer";

    private IdlePulses() {
    }

    /** On the FX thread, once the toolkit runs. True when the toolkit's pulse timer now pauses. */
    public static boolean install() {
        try {
            Object toolkit = Toolkit.getToolkit();
            Field timerField = field(toolkit, "pulseTimer");
            Object timer = timerField.get(toolkit);
            if (timer == null || !timer.getClass().getName().equals(GTK_TIMER)) {
                return false;
            }
            int interval = field(toolkit, "PULSE_INTERVAL").getInt(toolkit);
            PausingPulseTimer pausing = new PausingPulseTimer((Timer) timer, interval);
            pausing.start(interval); // adopts the running GTK timer
            timerField.set(toolkit, pausing);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "JavaFX's pulse timer is out of reach; it keeps waking 60 times a second", e);
            return false;
        }
    }

    /** The toolkit's pulse timer, for tests. */
    static Object pulseTimer() throws ReflectiveOperationException {
        Object toolkit = Toolkit.getToolkit();
        return field(toolkit, "pulseTimer").get(toolkit);
    }

    /** A private field of the toolkit's class (QuantumToolkit), made readable. */
    private static Field field(Object toolkit, String name) throws NoSuchFieldException {
        Field f = toolkit.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
