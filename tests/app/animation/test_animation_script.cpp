// The command line's animation positions: "path:c,y,x" parsing and the refusal of an
// output the layer does not have.
#include <gtest/gtest.h>

#include "animation/animation_script.h"

using namespace sepconv::app;

TEST(AnimationScript, ParsesEachPath) {
  AnimJump j;
  ASSERT_EQ(ParseAnimJump("standard:3,23,31", &j).why(), "");
  EXPECT_EQ(j.path, AnimPath::Standard);
  EXPECT_EQ(j.c, 3);
  EXPECT_EQ(j.y, 23);
  EXPECT_EQ(j.x, 31);
  ASSERT_EQ(ParseAnimJump("depthwise:0,1,2", &j).why(), "");
  EXPECT_EQ(j.path, AnimPath::Depthwise);
  ASSERT_EQ(ParseAnimJump("pointwise:7,0,0", &j).why(), "");
  EXPECT_EQ(j.path, AnimPath::Pointwise);
  EXPECT_EQ(j.c, 7);
}

TEST(AnimationScript, RefusesMalformedText) {
  AnimJump j;
  for (const char* bad : {"separable:0,0,0", "standard", "standard:1,2", "standard:1,2,3x",
                          "standard:-1,0,0", "standard:a,b,c", ":0,0,0"}) {
    const Outcome parsed = ParseAnimJump(bad, &j);
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_FALSE(parsed.why().empty()) << bad;
  }
}

TEST(AnimationScript, JumpOutsideTheOutputIsExplainedAndLeavesTheStart) {
  AnimationModel m;  // no walks: every output is outside
  AnimationScript s;
  s.jump = AnimJump{AnimPath::Standard, 0, 0, 0};
  const std::string why = ApplyAnimationScript(m, s).why();
  EXPECT_NE(why.find("outside the standard output"), std::string::npos) << why;
  EXPECT_EQ(m.clock, 0);
}
