/* SPDX-License-Identifier: MIT */
#include "gmap-test.h"
static void test_script_placeholder(void **state) { (void)state; assert_true(1); }
int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_script_placeholder) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
