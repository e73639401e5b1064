package io.earlywarning.place;

/**
 * Where a case is about: district (区/县), town or street (镇/街道), property development (楼盘/小区). Each part is
 * null when unknown; intake never guesses.
 *
 * @param estate    the estate's name as the gazetteer gives it, or as first found in the text
 * @param estateKey the key all writings of that estate share (see {@link EstateNames#key})
 */
public record Place(String district, String town, String estate, String estateKey) {

    public static final Place UNKNOWN = new Place(null, null, null, null);
}
