package io.earlywarning.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Chinese text as overlapping character bigrams (Lucene's CJK bigram analysis), optionally with single characters;
 * other scripts and numbers as whole tokens, width-folded and lower-cased. Needs no word segmenter, so a
 * segmenter's choices on unknown words never matter. Used by the category classifier and the clusterer.
 */
public final class CjkBigramAnalyzer extends Analyzer {

    private final boolean unigrams;

    public CjkBigramAnalyzer(boolean unigrams) {
        this.unigrams = unigrams;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN, unigrams);
        return new TokenStreamComponents(source, stream);
    }
}
