package io.slipstream.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.slipstream.core.BarInterval;
import io.slipstream.core.DataException;
import io.slipstream.data.MarketData;
import io.slipstream.data.Panel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Abdi-Ranaldo half-spread: a hand-worked pair, the independent Python reference
 * ({@code tools/cost_spread_reference.py}, synthetic part: two coins, 40 bars, a gap in B), causality and bad input.
 * The real-data comparison with the same script is in {@link CostRealDataTest}.
 */
class SpreadEstimatorTest {
  private static final double NaN = Double.NaN;
  private static final double TOL = 1e-15;

  // Output of: python3 tools/cost_spread_reference.py (synthetic part), pasted verbatim.
  private static final double[] HIGHA = {101.05146888724941, 101.96427815204349, 101.57731677658491,
      101.77231263401109, 95.36443900983305, 94.8638309708199, 96.20160049878204, 96.59311360019012,
      96.27790603941524, 96.0930231545304, 94.4303349886859, 91.31570764226214, 89.97052599816493, 85.75673234119921,
      86.58807773591874, 86.54563797061473, 86.95284939241705, 84.70395768088004, 82.68434082728304,
      82.17779629783597, 82.75873016445604, 81.7184797859427, 82.9243045065144, 87.04816243583878, 89.21786463008424,
      88.65314991045, 90.36726046573321, 90.86349803624626, 88.51134361200755, 90.37895585872435, 91.486537113504,
      90.08883110524006, 88.55259645444514, 87.37567001129469, 90.36771524075382, 90.98410424226346,
      88.22293134514733, 87.15165163297836, 87.19345530563952, 88.26320779839057};
  private static final double[] LOWA = {99.12233999904268, 99.16116011415804, 98.73268489487886, 94.86772145345715,
      93.53609933031186, 92.98130189436426, 93.19172977938801, 93.955871519516, 93.87426650034925, 92.6270752707323,
      89.36319270721799, 88.4439434635352, 85.22760649900378, 83.77202392586193, 83.93019868301286,
      85.04294621265048, 83.4347531899442, 81.13148266891385, 80.59038291913512, 80.34930574510044,
      79.99229561249169, 79.67951834343735, 80.79527901612362, 83.47551057857062, 85.19801024556179,
      86.84790794688656, 87.32940259925445, 88.64964111009019, 86.59136063180625, 86.84020484905452,
      88.36161972457447, 87.1030054739565, 83.67843451155915, 84.49219825906624, 85.66390567183565,
      87.26163351436604, 84.996247961268, 84.67360449621556, 84.65825934061434, 84.95114944313035};
  private static final double[] CLOSEA = {101.05146888724941, 100.05156656340296, 101.38055293684928,
      94.86772145345715, 94.90612182034354, 93.35856241227836, 95.81976641513766, 95.91266097968942,
      94.71564813645765, 93.80166108611269, 89.72191956628791, 88.53371635898365, 86.13456154240293,
      85.6153635339722, 86.58807773591874, 85.95547186903367, 83.4347531899442, 81.23075083358091, 81.24915918882051,
      81.3244339683717, 79.99229561249169, 81.5745728995341, 82.7237937134892, 85.53405852376636, 87.94453754347187,
      87.76511977968693, 89.90521211739264, 88.88001777027955, 87.4174839604203, 90.37895585872435,
      89.07006946789664, 87.65643130069162, 83.67843451155915, 86.6862254683058, 90.11751077087638,
      87.26163351436604, 85.95825316766535, 85.1311045516767, 85.66784597782043, 87.11503359231754};
  private static final double[] EXPECTEDA_W10_MIN10 = {NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN,
      0.006389606247095221, 0.006317010803166309, 0.004796899714633976, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
      0.001307722686629951, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0067483364249992465,
      0.006235998291641875, 0.00800217287359643, 0.006947807592914931, 0.006762531097772818, 0.008291804423232225,
      0.008360617696434543};
  private static final double[] EXPECTEDA_W10_MIN6 = {NaN, NaN, NaN, NaN, NaN, NaN, 0.008310390468997265,
      0.008311119465297844, 0.008241565688113196, 0.0076650262211336055, 0.006389606247095221, 0.006317010803166309,
      0.004796899714633976, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.001307722686629951, 0.0, 0.0, 0.0, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0067483364249992465, 0.006235998291641875, 0.00800217287359643,
      0.006947807592914931, 0.006762531097772818, 0.008291804423232225, 0.008360617696434543};
  private static final double[] HIGHB = {100.42395571122749, 98.91359699234005, 98.09272183659958, 98.13895283297015,
      97.90363774986322, 96.83933443832714, 96.59474369833335, 95.35775651763227, 93.52285327285033,
      95.36161747221834, 96.09922907634089, 95.99081953987854, NaN, NaN, 96.16133681682219, 96.88134527124815,
      96.75472840588775, 96.89568215666677, 97.82353412813603, 97.8220638937667, 99.20163023276919,
      99.14260195270236, 98.0148071602942, 96.79746412282776, 96.81584269834505, 97.4974556498122, 96.73090170711944,
      95.67103530920986, 95.93449649137109, 95.46633745397786, 96.29598004059741, 96.19528201279972,
      95.74922684571285, 95.10668246630206, 95.30134882176284, 94.85222627356843, 93.98042522132529,
      92.82939989686825, 91.9193795247092, 91.70474824998543};
  private static final double[] LOWB = {98.27677854759749, 97.53140481300206, 97.06206598453898, 96.71179200186744,
      96.9720043578634, 95.50548514566577, 94.78468924028158, 92.65991980898634, 91.61542840553831,
      93.45833559754026, 95.17676056679845, 93.82726513649338, NaN, NaN, 94.6846229073567, 95.48505193408066,
      95.58132167310448, 95.88897116105873, 96.31017369455043, 96.25434840366512, 97.29659616837637,
      97.43465775965788, 96.66528186118664, 95.96448031084844, 95.67839108802941, 95.9691962167294,
      95.37207901532204, 94.68655503938527, 94.31260679487927, 94.5018035089619, 94.98522709526056, 95.230775803976,
      94.28949886306368, 93.62872410296397, 93.74280641155158, 93.17077199140589, 92.54574885254317,
      91.51814273971868, 90.12304829193606, 89.95200751374261};
  private static final double[] CLOSEB = {99.0011396453825, 98.12896709062842, 97.06206598453898, 97.35303813750926,
      97.03153718596286, 95.87479180976959, 95.39886781081321, 93.13359763649194, 93.44651215804566,
      95.36161747221834, 95.59310300057322, 93.82726513649338, NaN, NaN, 95.47295948513705, 96.88134527124815,
      96.30804581569636, 96.54843357787719, 97.5945857849511, 97.8220638937667, 98.7577043858758, 98.10208279221821,
      97.03608173693851, 96.35771831656228, 96.81584269834505, 96.49129736256737, 95.37207901532204,
      95.03409946765444, 94.83494531617752, 95.4113304682599, 95.79706160429261, 95.24823574888099,
      94.64356733931344, 94.82632088192736, 93.92969174851203, 93.63445011326402, 92.8027306735392,
      91.99250759967356, 90.12304829193606, 91.70474824998543};
  private static final double[] EXPECTEDB_W10_MIN10 = {NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0.0, 0.0,
      NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0.0015933434273044079, 0.0018627551548841058, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  private static final double[] EXPECTEDB_W10_MIN6 = {NaN, NaN, NaN, NaN, NaN, NaN, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.002351545999254963, 0.0021697505390295617, 0.0029586559624567715,
      0.002416365432960173, 0.0016884538376080928, 0.0015933434273044079, 0.0018627551548841058, 0.0, 0.0, 0.0, 0.0,
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};

  private static Panel col2(double[] a, double[] b) {
    double[] v = new double[a.length * 2];
    System.arraycopy(a, 0, v, 0, a.length);
    System.arraycopy(b, 0, v, a.length, b.length);
    return Panel.of(BarInterval.H4, 0L, a.length, List.of("A", "B"), v);
  }

  private static void assertMatches(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int t = 0; t < expected.length; t++) {
      if (Double.isNaN(expected[t])) {
        assertThat(actual[t]).as("row %d", t).isNaN();
      } else {
        assertThat(actual[t]).as("row %d", t).isCloseTo(expected[t], within(TOL));
      }
    }
  }

  @Test
  void abdiRanaldo_onePair_isSqrtOfTheProduct() {
    // bar 0: H 102, L 98, C 101; bar 1: H 103, L 99 (C 100 unused by the pair (0, 1))
    // p_1 = (ln 101 - (ln 102 + ln 98)/2) (ln 101 - (ln 103 + ln 99)/2) > 0; W = 1: half = sqrt(4 p)/2 = sqrt(p)
    Panel h = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {102, 103});
    Panel l = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {98, 99});
    Panel c = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {101, 100});
    double p = Math.log(101 / Math.sqrt(102.0 * 98.0)) * Math.log(101 / Math.sqrt(103.0 * 99.0));

    Panel hs = SpreadEstimator.abdiRanaldo(h, l, c, 1);

    assertThat(hs.get(0, 0)).isNaN();
    assertThat(hs.get(1, 0)).isCloseTo(Math.sqrt(p), within(1e-12 * Math.sqrt(p)));
    assertThat(Math.sqrt(p)).isCloseTo(1.41e-3, within(1e-5));
  }

  @Test
  void abdiRanaldo_negativeMeanProduct_isFlooredToZero() {
    // close 101 above its own mid-range (~99.98) but below the next bar's (~109.98): p_1 < 0 -> spread 0
    Panel h = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {102, 112});
    Panel l = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {98, 108});
    Panel c = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {101, 110});
    assertThat(Math.log(101 / Math.sqrt(102.0 * 98.0)) * Math.log(101 / Math.sqrt(112.0 * 108.0))).isNegative();

    assertThat(SpreadEstimator.abdiRanaldo(h, l, c, 1).get(1, 0)).isEqualTo(0.0);
  }

  @Test
  void abdiRanaldo_syntheticPanel_matchesPythonReference() {
    Panel h = col2(HIGHA, HIGHB);
    Panel l = col2(LOWA, LOWB);
    Panel c = col2(CLOSEA, CLOSEB);

    Panel strict = SpreadEstimator.abdiRanaldo(h, l, c, 10);
    Panel loose = SpreadEstimator.abdiRanaldo(h, l, c, 10, 6);

    assertMatches(strict.column(0), EXPECTEDA_W10_MIN10);
    assertMatches(strict.column(1), EXPECTEDB_W10_MIN10);
    assertMatches(loose.column(0), EXPECTEDA_W10_MIN6);
    assertMatches(loose.column(1), EXPECTEDB_W10_MIN6);
    // the reference is not degenerate: some rows positive, some floored to 0, some NaN
    assertThat(EXPECTEDA_W10_MIN10).contains(0.0).contains(NaN);
    assertThat(java.util.Arrays.stream(EXPECTEDA_W10_MIN10).filter(x -> x > 0).count()).isGreaterThan(3);
  }

  @Test
  void abdiRanaldo_changingLaterBars_leavesEarlierRowsUnchanged() {
    MarketData md = SyntheticMarket.random(5, 120, 4);
    Panel before = SpreadEstimator.abdiRanaldo(md.high(), md.low(), md.close(), 12, 8);
    for (int row : new int[] {0, 30, 77, 118}) {
      MarketData other = SyntheticMarket.scrambleAfter(md, row, row);
      Panel after = SpreadEstimator.abdiRanaldo(other.high(), other.low(), other.close(), 12, 8);
      for (int c = 0; c < 4; c++) {
        for (int t = 0; t <= row; t++) {
          assertThat(Double.doubleToLongBits(after.get(t, c))).as("coin %d row %d cut %d", c, t, row)
              .isEqualTo(Double.doubleToLongBits(before.get(t, c)));
        }
      }
    }
  }

  @Test
  void abdiRanaldo_badInput_throws() {
    Panel h = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {102, 103});
    Panel bad = Panel.of(BarInterval.H4, 0L, 2, List.of("A"), new double[] {98, -1});
    Panel other = Panel.of(BarInterval.H4, 0L, 3, List.of("A"), new double[] {1, 2, 3});
    assertThatThrownBy(() -> SpreadEstimator.abdiRanaldo(h, bad, h, 1)).isInstanceOf(DataException.class)
        .hasMessageContaining("A").hasMessageContaining("row 1").hasMessageContaining("-1");
    assertThatThrownBy(() -> SpreadEstimator.abdiRanaldo(h, h, h, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spread_window_bars");
    assertThatThrownBy(() -> SpreadEstimator.abdiRanaldo(h, h, h, 3, 4)).hasMessageContaining("minPairs");
    assertThatThrownBy(() -> SpreadEstimator.abdiRanaldo(other, h, h, 1)).hasMessageContaining("high");
  }
}
