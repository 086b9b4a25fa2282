package org.lnsim.experiments;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What Jackson's YAML reader lets through and lnsim refuses before reading a configuration (issue 21, defect 5):
 * <ul>
 *   <li>anchors and aliases ({@code &name}, {@code *name}): Jackson reads an alias as its name ({@code label: *lab}
 *       became "lab"), so a configuration would silently mean something else; a configuration is short enough to
 *       write out;</li>
 *   <li>a key given twice in one mapping, named with both lines (Jackson keeps the last silently).</li>
 * </ul>
 * It walks SnakeYAML's event stream (the parser under Jackson's), so nothing is built and any size is checked in one
 * pass.
 */
final class YamlChecks {
    private YamlChecks() {
    }

    /** One open collection: for a mapping, the keys seen with their lines and whether a key comes next. */
    private static final class Frame {
        final boolean mapping;
        final Map<String, Integer> keys = new HashMap<>();
        boolean keyNext = true;

        Frame(boolean mapping) {
            this.mapping = mapping;
        }
    }

    /**
     * @param text   the YAML text
     * @param source what to name in errors (the file, or {@code --set})
     * @param where  a location prefix for errors (e.g. the overridden key), or null
     * @throws ConfigException naming the line and what is wrong
     */
    static void check(String text, String source, String where) throws ConfigException {
        Deque<Frame> open = new ArrayDeque<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Integer.MAX_VALUE); // the text is already in memory; Jackson bounds values
            for (Event e : new Yaml(options).parse(new StringReader(text))) {
                int line = e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
                if (e instanceof AliasEvent a) {
                    throw new ConfigException(source, at(where, line), "YAML aliases (*" + a.getAnchor()
                            + ") are not supported: write the value out");
                }
                if (e instanceof NodeEvent n && n.getAnchor() != null) {
                    throw new ConfigException(source, at(where, line), "YAML anchors (&" + n.getAnchor()
                            + ") are not supported: write the value out where it is used");
                }
                Frame top = open.peek();
                boolean isKey = top != null && top.mapping && top.keyNext;
                if (e instanceof ScalarEvent s) {
                    if (isKey) {
                        Integer first = top.keys.putIfAbsent(s.getValue(), line);
                        if (first != null) {
                            throw new ConfigException(source, at(where, line), "key '" + s.getValue()
                                    + "' is given twice in one mapping (lines " + first + " and " + line + ")");
                        }
                    }
                    flip(top);
                } else if (e instanceof CollectionStartEvent) {
                    if (isKey) {
                        throw new ConfigException(source, at(where, line), "a key must be a plain value, not a "
                                + "list or mapping");
                    }
                    open.push(new Frame(e instanceof MappingStartEvent));
                } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                    open.pop();
                    flip(open.peek());
                }
            }
        } catch (MarkedYAMLException e) {
            // malformed YAML: left to Jackson, whose message the caller already reports with its line
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // any other limit of SnakeYAML's: Jackson reads the text next and reports what it finds
        }
    }

    /** In a mapping, a finished key is followed by its value and a finished value by the next key. */
    private static void flip(Frame f) {
        if (f != null && f.mapping) {
            f.keyNext = !f.keyNext;
        }
    }

    private static String at(String where, int line) {
        return where == null ? "line " + line : where;
    }
}
