package io.github.imagejgan.scripts;

import org.scijava.plugin.Plugin;
import org.scijava.script.AdaptedScriptLanguage;
import org.scijava.script.ScriptLanguage;

/**
 * Jython for the tests, through its JSR-223 engine. In Fiji, scripting-jython provides the language; shipping this
 * would clash with it, so it stays in test scope.
 */
@Plugin(type = ScriptLanguage.class, name = "Python (Jython)")
public class TestJython extends AdaptedScriptLanguage {

    public TestJython() {
        super("jython");
    }
}
