package io.earlywarning.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * Chinese text as words by ICU's dictionary-based word breaking (Lucene's {@link ICUTokenizer}), lower-cased. A
 * fraction of smartcn's cost: ICU's dictionary lookups are a trie walk, smartcn's bigram model a probing hash table.
 */
public final class IcuWordAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new ICUTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        return new TokenStreamComponents(source, stream);
    }
}
