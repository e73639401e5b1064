package io.earlywarning.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.earlywarning.topology.JsonSerde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** The filter shape of {@code threats} and {@code cluster}: each line on stdin answered by one JSON line on stdout. */
final class LinePerLine {

    private LinePerLine() {
    }

    static void run(Function<String, ? extends JsonNode> answer) throws IOException {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            out.println(JsonSerde.MAPPER.writeValueAsString(answer.apply(line)));
        }
        out.flush();
    }
}
