package io.earlywarning.fault;

import io.earlywarning.privacy.PersonalDataMasker;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks for the phone and ID numbers the sources sent in records where they must not be: every topic but intake and
 * its dead letters. It matches the numbers actually sent (not any digit run that looks like one), so that a
 * pseudonym's hex digits cannot raise a false alarm and a real leak cannot hide behind one.
 */
public final class PrivacyScan {

    private static final PersonalDataMasker NUMBERS = new PersonalDataMasker();

    private final Set<String> sent = new HashSet<>();

    /** Notes the numbers in a record a source sent. */
    public void sent(byte[] value) {
        sent.addAll(numbersIn(value));
    }

    public int numbersSent() {
        return sent.size();
    }

    /** The numbers the sources sent that this record (key, value or a header) carries. */
    public Set<String> leaksIn(byte[] key, byte[] value, Headers headers) {
        Set<String> found = new TreeSet<>();
        collect(key, found);
        collect(value, found);
        if (headers != null) {
            for (Header h : headers) {
                collect(h.value(), found);
            }
        }
        return found;
    }

    private void collect(byte[] bytes, Set<String> found) {
        for (String n : numbersIn(bytes)) {
            if (sent.contains(n)) {
                found.add(n);
            }
        }
    }

    private static Set<String> numbersIn(byte[] bytes) {
        return bytes == null ? Set.of() : NUMBERS.personalNumbersIn(new String(bytes, StandardCharsets.UTF_8));
    }
}
